// What Redis answers (a compromised or confused Redis may send anything) -> the reply decoder
// (hiredis's reader and the copy into RedisValue), then what the service does with a reply: a
// cached store or list page (DecodeStore/DecodePage) and a pub/sub message carrying an event
// from another replica (DecodeWireEvent). Only AppError may come out; whatever decodes
// encodes back to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "app/errors.hpp"
#include "infra/event_wire.hpp"
#include "infra/redis/redis_client.hpp"
#include "infra/redis/store_codec.hpp"
#include "ws/event_json.hpp"

namespace {

using store::infra::redis::RedisValue;

void Use(const RedisValue& value, int depth) {
    if (value.kind == RedisValue::Kind::kString) {
        if (const auto decoded = store::infra::redis::DecodeStore(value.text)) {
            const auto text = store::infra::redis::EncodeStore(*decoded);
            const auto again = store::infra::redis::DecodeStore(text);
            if (!again || store::infra::redis::EncodeStore(*again) != text) {
                std::abort();
            }
        }
        if (const auto page = store::infra::redis::DecodePage(value.text)) {
            const auto text = store::infra::redis::EncodePage(*page);
            const auto again = store::infra::redis::DecodePage(text);
            if (!again || store::infra::redis::EncodePage(*again) != text) {
                std::abort();
            }
        }
        static const store::ws::JsonEventCodec codec;
        if (const auto wire = store::infra::DecodeWireEvent(value.text, codec)) {
            const auto text = store::infra::EncodeWireEvent(wire->origin, wire->event, codec);
            const auto again = store::infra::DecodeWireEvent(text, codec);
            if (!again ||
                store::infra::EncodeWireEvent(again->origin, again->event, codec) != text) {
                std::abort();
            }
        }
    }
    if (depth < 8) {
        for (const auto& element : value.elements) {
            Use(element, depth + 1);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        for (const auto& reply : store::infra::redis::DecodeReplies(bytes)) {
            Use(reply, 0);
        }
    } catch (const store::app::AppError&) {
        // Error replies and protocol errors: the connection is dropped, the call fails.
    }
    // The same bytes as a cached entry, without the RESP framing.
    Use(RedisValue{RedisValue::Kind::kString, 0, std::string(bytes), {}}, 0);
    std::string error;
    (void)store::infra::redis::ParseRedisUrl(std::string(bytes), &error);
    return 0;
}
