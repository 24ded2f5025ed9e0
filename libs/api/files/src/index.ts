// Public API of @ratsinfo/api-files: filled in by the issue-7 work.
export {};
