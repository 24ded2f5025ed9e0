/**
 * Looks once for a container runtime (Docker, Podman …) through testcontainers, so the real
 * Keycloak suite can run where one exists and is reported as skipped where none does.
 */
module.exports = async () => {
  const { getContainerRuntimeClient } = require('testcontainers');
  try {
    await getContainerRuntimeClient();
    process.env.RATSINFO_CONTAINER_RUNTIME = 'available';
  } catch (e) {
    process.env.RATSINFO_CONTAINER_RUNTIME = 'none';
    process.env.RATSINFO_CONTAINER_RUNTIME_REASON = e instanceof Error ? e.message : String(e);
    console.warn('\nreal Keycloak tests skipped: no container runtime\n');
  }
};
