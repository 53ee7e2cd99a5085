import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotationOrder } from './order.ts';

const a = (id: number, start: number, end: number) => ({ id, fragments: [[start, end]] as [number, number][] });

test('steps through annotations by start, then end, then id', () => {
  const order = new AnnotationOrder();
  order.reset([a(3, 50, 60), a(1, 10, 20), a(2, 10, 15), a(4, 10, 15)]);
  assert.deepEqual([...order.ids()], [2, 4, 1, 3]);
  assert.equal(order.neighbour(a(2, 10, 15), 1), 4);
  assert.equal(order.neighbour(a(4, 10, 15), 1), 1);
  assert.equal(order.neighbour(a(3, 50, 60), 1), null);
  assert.equal(order.neighbour(a(2, 10, 15), -1), null);
  assert.equal(order.neighbour(a(3, 50, 60), -1), 1);
  assert.equal(order.edge('first'), 2);
  assert.equal(order.edge('last'), 3);
});

test('finds the annotation at or after (or before) a caret', () => {
  const order = new AnnotationOrder();
  order.reset([a(1, 10, 20), a(2, 30, 40)]);
  assert.equal(order.fromPosition(0, 1), 1);
  assert.equal(order.fromPosition(10, 1), 1);
  assert.equal(order.fromPosition(11, 1), 2);
  assert.equal(order.fromPosition(41, 1), null);
  assert.equal(order.fromPosition(30, -1), 1);
  assert.equal(order.fromPosition(5, -1), null);
});

test('insert and remove keep the order without a resort', () => {
  const order = new AnnotationOrder();
  order.reset([a(1, 10, 20), a(2, 30, 40)]);
  order.insert(a(3, 25, 26));
  assert.deepEqual([...order.ids()], [1, 3, 2]);
  order.remove(a(1, 10, 20));
  assert.deepEqual([...order.ids()], [3, 2]);
  // A moved annotation: removed by its old fragments, inserted by its new ones.
  order.remove(a(2, 30, 40));
  order.insert(a(2, 0, 5));
  assert.deepEqual([...order.ids()], [2, 3]);
  assert.equal(order.size, 2);
});
