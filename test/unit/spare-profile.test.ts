import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpareProfile, type ProfileInMaking } from '../../support/kubeflow/spare-profile';

/** Profiles made on demand, each ready when the test says so. */
function maker() {
  const made: { name: string; ready: (ok: boolean) => void }[] = [];
  const make = (): ProfileInMaking => {
    const name = `kfbdd-${made.length + 1}`;
    let settle!: (ok: boolean) => void;
    const ready = new Promise<string>((resolve, reject) => {
      settle = (ok) => (ok ? resolve(name) : reject(new Error(`${name} never got ready`)));
    });
    made.push({ name, ready: settle });
    return { created: Promise.resolve(name), ready };
  };
  return { made, make };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('the next spare is made once the taken profile is ready, and taken by the next scenario', async () => {
  const { made, make } = maker();
  const spares = new SpareProfile(make);
  const first = spares.take();
  await tick();
  assert.equal(made.length, 1, 'no spare while the first is on its way: the controller makes one at a time');
  made[0].ready(true);
  assert.equal(await first.ready, 'kfbdd-1');
  await tick();
  assert.equal(made.length, 2);
  assert.equal(await spares.take().created, 'kfbdd-2');
});

test('a profile that fails starts no spare, so a broken controller piles up nothing', async () => {
  const { made, make } = maker();
  const spares = new SpareProfile(make);
  const first = spares.take();
  made[0].ready(false);
  await assert.rejects(first.ready, /kfbdd-1 never got ready/);
  await tick();
  assert.equal(made.length, 1);
  assert.equal(await spares.leftover(), undefined);
});

test('the leftover spare is handed over only once its wait has ended', async () => {
  const { made, make } = maker();
  const spares = new SpareProfile(make);
  const first = spares.take();
  made[0].ready(true);
  await first.ready;
  await tick();
  let handedOver: string | undefined;
  const leftover = spares.leftover().then((name) => (handedOver = name));
  await tick();
  assert.equal(handedOver, undefined, 'its readiness wait still runs');
  made[1].ready(true);
  await leftover;
  assert.equal(handedOver, 'kfbdd-2');
});
