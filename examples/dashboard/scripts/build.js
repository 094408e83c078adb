// "Builds" the dashboard: loads every module so a syntax error fails the build.
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..', 'src');
let count = 0;
for (const dir of fs.readdirSync(root)) {
  for (const file of fs.readdirSync(path.join(root, dir))) {
    if (file.endsWith('.js')) {
      require(path.join(root, dir, file));
      count++;
    }
  }
}
console.log(`built ${count} modules`);
