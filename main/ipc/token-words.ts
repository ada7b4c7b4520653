/** The words for a token too short to be one: the main process's check and the window's say the same. */
export const TOKEN_TOO_SHORT = 'That is too short to be an API token.';
export const TOKEN_MIN_LENGTH = 8;
