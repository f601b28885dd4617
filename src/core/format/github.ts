/**
 * GitHub Actions workflow commands (`::error file=…::message`): values are escaped as GitHub documents, so
 * text from a user's files can never end one command or start another.
 */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
