// Public API of @ratsinfo/api-meetings: filled in by the issue-7 work.
export {};
