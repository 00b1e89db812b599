// Moved to ../shared/raw (kinds use it and kinds import no config/); re-exported here for the loader's modules.
export type * from '../shared/raw';
