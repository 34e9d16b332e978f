// SPDX-License-Identifier: Apache-2.0
// OneShot: a value delivered once; `valueUnlessCancelled` gives up when its task is cancelled (a `wait`
// request whose client left), and a value delivered afterwards goes nowhere.

import Engine
import Testing

@Suite struct OneShotTests {
    @Test func valueDeliveredBeforeOrAfterTheWait() async {
        let early = OneShot<Int>()
        early.fulfil(1)
        #expect(await early.valueUnlessCancelled() == 1)
        let late = OneShot<Int>()
        let waiter = Task { await late.valueUnlessCancelled() }
        try? await Task.sleep(for: .milliseconds(20))
        late.fulfil(2)
        late.fulfil(3)
        #expect(await waiter.value == 2, "the first value wins")
    }

    @Test func cancellationEndsTheWaitWithNil() async {
        let slot = OneShot<Int>()
        let waiter = Task { await slot.valueUnlessCancelled() }
        try? await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        #expect(await waiter.value == nil)
        slot.fulfil(4)  // nobody waits any more: dropped, no crash
    }

    @Test func alreadyCancelledTaskDoesNotWait() async {
        let slot = OneShot<Int>()
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await slot.valueUnlessCancelled()
        }
        #expect(await waiter.value == nil)
    }
}
