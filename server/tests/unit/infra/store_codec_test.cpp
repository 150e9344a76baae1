#include "infra/redis/store_codec.hpp"

#include <gtest/gtest.h>

#include <string>

namespace store::infra::redis {
namespace {

domain::Store Berlin() {
    domain::Store store;
    store.id = "3f0c6";
    store.version = 2;
    store.created_by = "jane";
    store.updated_by = "jane";
    store.fields.code = "BER-001";
    store.fields.name = "Berlin Mitte";
    store.fields.type = "standard";
    store.fields.location = {"Linden 1", "Berlin",        "BE",      "DE",
                             "10117",    "Europe/Berlin", 52.520008, 13.404954};
    store.fields.hardware_plan = {{"pos_terminal", 4}};
    store.fields.network_plan = {{"pos", 10, std::nullopt}};
    store.template_ref = domain::TemplateRef{"tpl-1", 3};
    return store;
}

// fuzz_redis, finding 7 (docs/reliability.md): a cached store whose longitude Boost.JSON 1.81
// wrote and read back a unit in the last place away, so the cache answered another coordinate
// than the database held. Coordinates of every magnitude now come back exactly.
TEST(StoreCodec, GivesBackExactlyTheCoordinatesItWasGiven) {
    auto store = Berlin();
    for (const double longitude :
         {1.3777777777777777e33, -179.57518819999999, 13.404954, -0.0, 5e-324, 0.1 + 0.2}) {
        store.fields.location.longitude = longitude;
        const auto text = EncodeStore(store);
        const auto decoded = DecodeStore(text);
        ASSERT_TRUE(decoded.has_value()) << text;
        EXPECT_EQ(decoded->fields.location, store.fields.location) << text;
        EXPECT_EQ(EncodeStore(*decoded), text);
    }
    int wrong = 0;
    for (int i = 0; i < 20000; ++i) {
        store.fields.location.latitude = -90.0 + (180.0 * i) / 20000.0 + 1e-7 * i;
        const auto decoded = DecodeStore(EncodeStore(store));
        wrong += decoded && decoded->fields.location == store.fields.location ? 0 : 1;
    }
    EXPECT_EQ(wrong, 0) << "latitudes that came back different from the cache";
}

TEST(StoreCodec, RoundTripsEveryFieldAndAStoreWithoutCoordinates) {
    auto store = Berlin();
    const auto decoded = DecodeStore(EncodeStore(store));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->fields, store.fields);
    EXPECT_EQ(decoded->template_ref, store.template_ref);
    EXPECT_EQ(decoded->version, 2);

    store.fields.location.latitude.reset();
    store.fields.location.longitude.reset();
    const auto without = DecodeStore(EncodeStore(store));
    ASSERT_TRUE(without.has_value());
    EXPECT_FALSE(without->fields.location.latitude.has_value());
}

// An entry written before coordinates were text (a number), or text that is not a number, is
// not what EncodeStore writes: a miss the database answers, never a wrong store.
TEST(StoreCodec, AnEntryInAnotherFormIsAMiss) {
    auto text = EncodeStore(Berlin());
    const auto quoted = text.find("\"52.520008\"");
    ASSERT_NE(quoted, std::string::npos) << text;
    auto numeric = text;
    numeric.replace(quoted, 11, "52.520008");
    EXPECT_FALSE(DecodeStore(numeric).has_value());
    auto garbage = text;
    garbage.replace(quoted, 11, "\"52.5x\"");
    EXPECT_FALSE(DecodeStore(garbage).has_value());
}

}  // namespace
}  // namespace store::infra::redis
