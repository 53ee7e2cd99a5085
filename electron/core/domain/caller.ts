/**
 * Who acts in a call. Every call into the backend carries one: the desktop app and the CLI pass the local
 * annotator (the workspace's author setting, else the account's name), a team server the session's user. The
 * domain records it as the author of what the call creates; it never asks the operating system itself.
 */
export interface Caller {
  /** The name recorded as the author of new annotations ('' when nobody is known). */
  author: string;
}
