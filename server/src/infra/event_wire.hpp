#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/ports/event_bus.hpp"

namespace store::infra {

// The form of an event on the wire between replicas (Redis pub/sub, PostgreSQL NOTIFY):
// {"origin":"<replica id>","type":"…","time":<ns since epoch>,"data":"<data JSON as a string>"},
// the data written by the EventCodec (the same JSON live clients read). `origin` lets a replica
// skip its own events, which it has delivered locally already.

std::string EncodeWireEvent(std::string_view origin, const app::ports::Event& event,
                            const app::ports::EventCodec& codec);

struct WireEvent {
    std::string origin;
    app::ports::Event event;
};
/// nullopt for a message that is not an encoded event this version can read (it is ignored).
std::optional<WireEvent> DecodeWireEvent(std::string_view text,
                                         const app::ports::EventCodec& codec);

/// Events about this replica's own state (breaker changes, alerts) stay local: each replica
/// reports its own dependencies and keeps its own alert history.
bool SharedAcrossReplicas(const app::ports::Event& event);

}  // namespace store::infra
