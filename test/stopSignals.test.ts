import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FORCE_AFTER_MS, listenForStop, type StopSignalName } from '../src/stopSignals.js';

/** A stand-in for `process` that a test can send signals to, and a clock it moves by hand. */
function harness() {
  const source = new EventEmitter();
  const exits: number[] = [];
  const notes: string[] = [];
  const clock = { time: 1_000 };
  const stops = listenForStop(
    {
      on: (event, listener) => source.on(event, listener),
      off: (event, listener) => source.off(event, listener),
    },
    (code) => exits.push(code),
    () => clock.time,
  );
  stops.notify = (text) => notes.push(text);
  const send = (name: StopSignalName) => source.emit(name);
  return { source, stops, exits, notes, clock, send };
}

describe('Ctrl-C and SIGTERM', () => {
  it('the first one stops the run and says so, naming the signal', () => {
    const { stops, notes, exits, send } = harness();
    send('SIGTERM');
    expect(stops.signal.aborted).toBe(true);
    expect(stops.signal.reason).toBe('SIGTERM');
    expect(stops.hurry.aborted).toBe(false);
    expect(exits).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Stopping \(SIGTERM\): nothing new is sent/);
  });

  it('a second one within 10 s abandons the requests in flight, and never ends the process', () => {
    const { stops, notes, exits, clock, send } = harness();
    send('SIGINT');
    clock.time += FORCE_AFTER_MS - 1;
    send('SIGINT');
    expect(stops.hurry.aborted).toBe(true);
    expect(notes[1]).toMatch(/Not waiting any longer \(Ctrl-C again\)/);
    send('SIGINT');
    expect(notes[2]).toMatch(/Writing the reports, please wait; Ctrl-C again in 1 s forces/);
    expect(exits).toEqual([]);
  });

  it('one more 10 s or more after the first forces the exit with 130', () => {
    const { exits, notes, clock, send } = harness();
    send('SIGINT');
    clock.time += FORCE_AFTER_MS;
    send('SIGTERM');
    expect(exits).toEqual([130]);
    expect(notes.at(-1)).toMatch(/the journal is whole, so --resume still carries on the run/);
  });

  it('listens no more once disposed', () => {
    const { source, stops } = harness();
    stops.dispose();
    expect(source.listenerCount('SIGINT')).toBe(0);
    expect(source.listenerCount('SIGTERM')).toBe(0);
  });
});
