// Dev-server proxy: the web app calls the API on relative paths (/api, /oparl, /health).
// Target: env RATSINFO_API_URL, default http://localhost:3000.
const target = process.env.RATSINFO_API_URL || 'http://localhost:3000';

module.exports = ['/api', '/oparl', '/health'].reduce((config, path) => {
  config[path] = { target, secure: false, changeOrigin: false };
  return config;
}, {});
