import { describe, expect, it } from 'vitest';
import { loadEntityCatalog } from './load-catalog.js';

const catalog = loadEntityCatalog();

describe('resolve on the shipped catalog', () => {
  it.each([
    ['Super Micro Computer, Inc.', 'vendor:supermicro'],
    ['Supermicro', 'vendor:supermicro'],
    ['SUPERMICRO', 'vendor:supermicro'],
    ['Super Micro', 'vendor:supermicro'],
    ['super-micro', 'vendor:supermicro'],
    ['SMCI', 'vendor:supermicro'],
    ['Universal Scientific Industrial', 'supplier:usi'],
    ['Universal Scientific Industrial Co., Ltd.', 'supplier:usi'],
    ['USI', 'supplier:usi'],
    ['Orient Semiconductor Electronics', 'supplier:ose'],
    ['Orient Semiconductor Electronics Ltd', 'supplier:ose'],
    ['OSE', 'supplier:ose'],
    ['Compuware Technology Inc.', 'supplier:compuware-technology'],
    ['Hon Hai Precision Industry Co.,Ltd.', 'supplier:foxconn'],
    ['FOXCONN', 'supplier:foxconn'],
    ['Wistron Corp.', 'supplier:wistron'],
    ['Pegatron Corporation', 'supplier:pegatron'],
    ['Quanta Computer Inc.', 'supplier:quanta'],
    ['Inventec', 'supplier:inventec'],
    ['Hewlett-Packard Enterprise', 'vendor:hpe'],
    ['Dell Inc.', 'vendor:dell'],
    ['Lenovo Group Limited', 'vendor:lenovo'],
    ['Gigabyte Technology Co., Ltd.', 'vendor:gigabyte'],
    ['ASRock Rack Inc.', 'vendor:asrock-rack'],
    ['Intel Corporation', 'supplier:intel'],
    ['Advanced Micro Devices, Inc.', 'supplier:amd'],
    ['ASPEED Technology Inc.', 'supplier:aspeed'],
    ['Broadcom Inc.', 'supplier:broadcom'],
    ['NVIDIA Corp.', 'supplier:nvidia'],
    ['The Samtec, Inc.', 'supplier:samtec'],
    ['MBD-X12DPG-OA6', 'product:supermicro-x12dpg-oa6'],
  ])('resolves "%s" to %s', (name, id) => {
    expect(catalog.resolve(name)?.id).toBe(id);
  });

  it.each(['micro', 'Super', 'Computer', 'Semiconductor Electronics', 'Inc.', '', 'Orient', 'Acme Corp'])(
    'resolves "%s" to nothing',
    (name) => {
      expect(catalog.resolve(name)).toBeUndefined();
    },
  );

  it('keeps the parent of a subsidiary and the vendor of a product', () => {
    expect(catalog.get('supplier:compuware-technology')?.parentId).toBe('supplier:ose');
    expect(catalog.get('product:supermicro-x13sem-f')?.parentId).toBe('vendor:supermicro');
  });
});
