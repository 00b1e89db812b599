// Moved to ../shared/sensitive-fields (kinds use it and kinds import no config/); re-exported here for the loader's modules.
export * from '../shared/sensitive-fields';
