#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <string>

namespace store::ws {

/// One serialised event, shared by every session it is sent to (serialised once per event).
using Message = std::shared_ptr<const std::string>;

/// The per-connection send queue: bounded, one write at a time. Pure bookkeeping (no I/O), so
/// the policy is unit-tested; the session drives it from its strand.
///
/// The front message is the one being written. When `limit` messages are already waiting, the
/// next Push overflows: the queue drops everything it holds and stays overflowed, and the
/// session disconnects the client. A slow consumer never makes the server hold more than
/// `limit` messages for it. (The session's write handler holds its own reference to the message
/// being written, so Clear() during a write frees nothing that Beast still reads.)
class OutboundQueue {
public:
    explicit OutboundQueue(std::size_t limit) : limit_(limit == 0 ? 1 : limit) {}

    enum class PushResult {
        kStartWriting,  // the queue was idle: write Front() now
        kQueued,        // a write is in progress; this one waits its turn
        kOverflow,      // over the limit (now or before): disconnect the client
    };
    PushResult Push(Message message);

    /// The message to write (the oldest one). Only valid while Writing().
    const Message& Front() const { return messages_.front(); }
    /// Call when the front message has been written. Returns true when another one waits
    /// (write Front() next), false when the queue is idle again.
    bool Pop();
    /// Drops everything (on close or overflow), releasing the memory.
    void Clear();

    bool Writing() const { return !messages_.empty(); }
    bool Overflowed() const { return overflowed_; }
    std::size_t Size() const { return messages_.size(); }
    std::size_t Limit() const { return limit_; }

private:
    std::size_t limit_;
    std::deque<Message> messages_;
    bool overflowed_ = false;
};

}  // namespace store::ws
