// Builds the task pane once when it is missing, so that `npx jest` alone can check what the proxy serves.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

module.exports = async () => {
  const root = path.resolve(__dirname, '..');
  if (!fs.existsSync(path.join(root, 'dist', 'pane', 'taskpane.html'))) {
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: root, stdio: 'inherit' });
  }
};
