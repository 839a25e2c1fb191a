// Builds the task pane (addin/) and the XERO worksheet functions (addin/functions/, with their metadata,
// functions.json, generated from their comments) into dist/pane, which the proxy serves.
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

module.exports = (_env, argv) => {
  const production = argv.mode !== 'development';
  return {
    mode: production ? 'production' : 'development',
    // Hidden maps: written beside the bundle for reading stack traces, never referenced from it or served.
    devtool: production ? 'hidden-source-map' : 'eval-cheap-module-source-map',
    entry: { taskpane: './addin/index.tsx', functions: './addin/functions/functions.ts' },
    output: {
      path: path.resolve(__dirname, 'dist', 'pane'),
      // The functions' script keeps a fixed name: the manifest names it (Excel's desktop runtime loads it without its page).
      filename: (file) => (file.chunk?.name === 'functions' ? '[name].js' : '[name].[contenthash:8].js'),
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, compilerOptions: { module: 'esnext', moduleResolution: 'bundler', noEmit: false } },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ template: './addin/taskpane.html', filename: 'taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ template: './addin/functions/functions.html', filename: 'functions.html', chunks: ['functions'] }),
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './addin/functions/functions.ts' }),
      new CopyWebpackPlugin({ patterns: [{ from: 'addin/assets', to: 'assets' }] }),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
