#include "ws/outbound_queue.hpp"

namespace store::ws {

OutboundQueue::PushResult OutboundQueue::Push(Message message) {
    if (overflowed_) {
        return PushResult::kOverflow;
    }
    if (messages_.size() >= limit_) {
        overflowed_ = true;
        Clear();
        return PushResult::kOverflow;
    }
    messages_.push_back(std::move(message));
    return messages_.size() == 1 ? PushResult::kStartWriting : PushResult::kQueued;
}

bool OutboundQueue::Pop() {
    if (!messages_.empty()) {
        messages_.pop_front();
    }
    return !messages_.empty();
}

void OutboundQueue::Clear() {
    // swap, not clear(): a std::deque keeps its blocks after clear().
    std::deque<Message>().swap(messages_);
}

}  // namespace store::ws
