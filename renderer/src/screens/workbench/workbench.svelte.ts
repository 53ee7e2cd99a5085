/**
 * The workbench's own state beside the open document (which AppState holds, since the document stays laid out
 * under the table): the find bar, and the requests the keys send to the annotation panel.
 */
export class WorkbenchScreen {
  findOpen = $state(false);
  /** Bumped to ask the annotation panel to take focus. */
  panelFocus = $state(0);
  /** Bumped to ask the link picker to open for the selected annotation. */
  linkRequest = $state(0);
}
