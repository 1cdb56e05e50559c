// `npm run bundle`: builds the dashboard into dist/public and prints what it wrote.
import { bundleDashboard, shown } from './bundle.js';

const result = await bundleDashboard();
for (const file of result.files) {
  process.stdout.write(`${shown(`${result.dir}/${file.path}`)}  ${(file.bytes / 1024).toFixed(1)} KiB\n`);
}
