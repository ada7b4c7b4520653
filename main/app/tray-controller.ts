import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import {
  buildTrayMenu,
  trayIconKind,
  trayTooltip,
  type TrayActions,
  type TrayIconKind,
  type TrayState,
} from './tray-menu.js';

export interface TrayDeps {
  createTray: (
    icon: NativeImage,
  ) => Pick<Tray, 'setContextMenu' | 'setToolTip' | 'setImage' | 'on' | 'destroy'>;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  icons: Record<TrayIconKind, NativeImage>;
  actions: TrayActions;
}

/** Owns the tray icon; `render` rebuilds menu, tooltip and icon from state. */
export class TrayController {
  readonly #tray: ReturnType<TrayDeps['createTray']>;
  #icon: TrayIconKind = 'normal';

  constructor(private readonly deps: TrayDeps) {
    this.#tray = deps.createTray(deps.icons.normal);
    // Where a click is delivered (macOS, Windows) it opens the window; the menu has it too.
    this.#tray.on('click', () => deps.actions.openWindow());
  }

  render(state: TrayState): void {
    // setContextMenu again after every change: Linux trays keep the menu they were given.
    this.#tray.setContextMenu(this.deps.buildMenu(buildTrayMenu(state, this.deps.actions)));
    this.#tray.setToolTip(trayTooltip(state));
    const icon = trayIconKind(state);
    if (icon !== this.#icon) this.#tray.setImage(this.deps.icons[icon]);
    this.#icon = icon;
  }

  destroy(): void {
    this.#tray.destroy();
  }
}
