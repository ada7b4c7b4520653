import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';

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

  it('builds AppImage + deb, a menu-bar dmg and an NSIS installer, with the deep-link protocol', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac).toMatchObject({ target: 'dmg', extendInfo: { LSUIElement: true } });
    expect(config.win.target).toBe('nsis');
    expect(config.protocols[0].schemes).toEqual(['pixverse-tray']);
  });

  it('uses the appId main/index.ts gives Windows as AppUserModelId, and icons that exist', () => {
    expect(fs.readFileSync('main/index.ts', 'utf8')).toContain(`const APP_ID = '${config.appId}'`);
    expect(fs.existsSync(config.icon)).toBe(true);
    for (const name of ['tray.png', 'tray-paused.png', 'tray-problem.png', 'trayTemplate.png']) {
      expect(fs.existsSync(`assets/${name}`)).toBe(true);
    }
  });
});
