// A tiny lint: no tabs and no trailing whitespace in src/.
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..', 'src');
let problems = 0;
for (const dir of fs.readdirSync(root)) {
  for (const file of fs.readdirSync(path.join(root, dir))) {
    const text = fs.readFileSync(path.join(root, dir, file), 'utf8');
    text.split('\n').forEach((line, i) => {
      if (/\t|\s+$/.test(line)) {
        console.error(`${dir}/${file}:${i + 1}: tab or trailing whitespace`);
        problems++;
      }
    });
  }
}
process.exit(problems ? 1 : 0);
