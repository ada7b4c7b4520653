import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { APP_ID, TRAY_ICONS } from '../../main/app/wire-app.js';

const require = createRequire(import.meta.url);
const config = loadYaml(fs.readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('flips the security fuses and packs into asar', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('rebuilds better-sqlite3 for Electron and keeps its native binary outside the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/build/Release/*.node');
    // Node-API 10 runtimes (Electron 41, Node 22.14+) load better-sqlite3 13, shipped prebuilt.
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3-napi/prebuilds/*.node');
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    // packaged: runtime dependencies
    expect(Object.keys(pkg.dependencies)).toEqual(
      expect.arrayContaining(['better-sqlite3', 'better-sqlite3-napi']),
    );
  });

  it('builds AppImage + deb, a menu-bar dmg and an NSIS installer, with the deep-link protocol', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac).toMatchObject({ target: 'dmg', extendInfo: { LSUIElement: true } });
    expect(config.win.target).toBe('nsis');
    expect(config.protocols[0].schemes).toEqual(['pixverse-tray']);
  });

  it('uses the appId the app gives Windows as AppUserModelId, and icons that exist', () => {
    expect(APP_ID).toBe(config.appId);
    expect(fs.existsSync(config.icon)).toBe(true);
    for (const name of ['tray.png', 'tray-paused.png', 'tray-problem.png', 'trayTemplate.png']) {
      expect(fs.existsSync(`assets/${name}`)).toBe(true);
    }
  });
});

/**
 * The desktop entries electron-builder would write, computed by its own code (AppImageTarget and
 * LinuxTargetHelper) from our configuration, without building anything (that needs Electron's binary).
 */
async function linuxDesktopEntries() {
  const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');
  const AppImageTarget = require('app-builder-lib/out/targets/appimage/AppImageTarget').default;
  const { deepAssign } = require('builder-util-runtime');
  const packager = {
    config,
    platformSpecificBuildOptions: config.linux,
    appInfo: {
      productName: config.productName,
      sanitizedProductName: config.productName,
      description: 'PixVerse Tray',
      buildVersion: '0.1.0',
    },
    executableName: config.linux.executableName,
    info: { metadata: { desktopName: 'pixverse-tray.desktop' } },
    fileAssociations: [],
  };
  const helper = new LinuxTargetHelper(packager);
  const appImage: string = await new AppImageTarget(null, packager, helper, 'release').desktopEntry.value;
  const deb: string = await helper.computeDesktopEntry(deepAssign({}, config.linux, config.deb));
  const exec = (entry: string) => entry.match(/^Exec=(.*)$/m)?.[1];
  return { appImage: exec(appImage), deb: exec(deb) };
}

describe("the Linux packages keep Chromium's sandbox", () => {
  it('launches the AppImage and the deb (and every pixverse-tray:// link) without --no-sandbox', async () => {
    const { appImage, deb } = await linuxDesktopEntries();
    expect(appImage).toBe('AppRun %U');
    expect(deb).toBe('"/opt/PixVerse Tray/pixverse-tray" %U');
  });

  it("keeps the deb's own install script, which makes chrome-sandbox usable (SUID without user namespaces)", () => {
    expect(config.deb.afterInstall).toBeUndefined();
    expect(config.linux.executableArgs).toEqual([]);
    const script = fs.readFileSync(
      require.resolve('app-builder-lib/templates/linux/after-install.tpl'),
      'utf8',
    );
    expect(script).toMatch(/chmod 4755 '\/opt\/\$\{sanitizedProductName\}\/chrome-sandbox'/);
  });
});

describe('tray icons', () => {
  const size = (file: string) => {
    const png = fs.readFileSync(`assets/${file}`);
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };
  const named = Object.values(TRAY_ICONS).flatMap((icon) => [icon.mac, icon.other]);

  it('exist for every name the app loads, the macOS templates at 16 pt with a 32 px @2x', () => {
    expect(named).toHaveLength(6);
    for (const file of named) {
      expect(fs.existsSync(`assets/${file}`), file).toBe(true);
      if (!file.includes('Template')) continue;
      expect(size(file)).toEqual([16, 16]);
      expect(size(file.replace('.png', '@2x.png'))).toEqual([32, 32]);
    }
  });

  it('look different for normal, paused and problem', () => {
    const bytes = (file: string) => fs.readFileSync(`assets/${file}`).toString('base64');
    const templates = named.filter((f) => f.includes('Template')).map(bytes);
    const colored = named.filter((f) => !f.includes('Template')).map(bytes);
    expect(new Set(templates).size).toBe(3);
    expect(new Set(colored).size).toBe(3);
  });
});
