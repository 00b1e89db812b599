// Moved to ../shared/suggest (kinds use it and kinds import no config/); re-exported here for the loader's modules.
export * from '../shared/suggest';
