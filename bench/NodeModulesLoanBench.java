import dev.harness.worker.checkout.DependencyLoan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What lending a checks' copy the person's node_modules costs (issue 11: what a test writes there
 * must stay in the copy): DependencyLoan's tree of hard links (tool state copied) against the
 * baseline it replaced, measured in the same run — a directory of one symbolic link per package
 * (the writes of a tool that resolves its package's real path reached the person's). Each is made
 * and removed ROUNDS times, interleaved; medians of making and of removing are printed. Run by
 * bench/node-modules-loan.sh.
 */
public class NodeModulesLoanBench {
    public static void main(String[] args) throws Exception {
        Path from = Path.of(args[0]).toRealPath();
        Path scratch = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        List<Long> linkMake = new ArrayList<>(), linkRemove = new ArrayList<>(), loanMake = new ArrayList<>(),
                loanRemove = new ArrayList<>();
        int files = 0;
        for (int i = 0; i < rounds + 1; i++) { // the first round warms up
            Path to = scratch.resolve("baseline-" + i);
            long t0 = System.nanoTime();
            Files.createDirectories(to);
            DependencyLoan.lendPackages(from, to); // the baseline: one link per package, as before
            long t1 = System.nanoTime();
            DependencyLoan.giveBack(to);
            long t2 = System.nanoTime();
            Path lent = scratch.resolve("loan-" + i);
            Files.createDirectories(scratch);
            long t3 = System.nanoTime();
            DependencyLoan.Lent loan = DependencyLoan.lendNodeModules(from, lent);
            long t4 = System.nanoTime();
            DependencyLoan.giveBack(lent);
            long t5 = System.nanoTime();
            if (!loan.hardLinked()) {
                throw new IllegalStateException("no hard links here: " + loan.note());
            }
            files = loan.files();
            if (i > 0) {
                linkMake.add(t1 - t0);
                linkRemove.add(t2 - t1);
                loanMake.add(t4 - t3);
                loanRemove.add(t5 - t4);
            }
        }
        System.out.printf("node_modules: %s (%d files hard-linked)%n", from, files);
        System.out.printf("%-34s %10s %10s%n", "", "make ms", "remove ms");
        System.out.printf("%-34s %10.1f %10.1f%n", "baseline: a link per package", median(linkMake), median(linkRemove));
        System.out.printf("%-34s %10.1f %10.1f%n", "now: a tree of hard links", median(loanMake), median(loanRemove));
        System.out.printf("ratio (now / baseline, make + remove): %.1f; extra per attempt: %.0f ms%n",
                (median(loanMake) + median(loanRemove)) / (median(linkMake) + median(linkRemove)),
                median(loanMake) + median(loanRemove) - median(linkMake) - median(linkRemove));
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
