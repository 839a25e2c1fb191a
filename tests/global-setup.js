// Builds the proxy bundle every run, and the task pane once when it is missing, so that `npx jest` alone can check
// what the proxy serves.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { buildServer } = require('../scripts/build-server');

module.exports = async () => {
  const root = path.resolve(__dirname, '..');
  // The proxy as `npm start` runs it, built from the sources under test (tests that start it as a process use it).
  await buildServer();
  if (!fs.existsSync(path.join(root, 'dist', 'pane', 'taskpane.html'))) {
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: root, stdio: 'inherit' });
  }
};
