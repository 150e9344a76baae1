#pragma once

#include "app/ports/clock.hpp"

namespace store::infra {

class SystemClock final : public app::ports::Clock {
public:
    domain::TimePoint Now() const override;
};

}  // namespace store::infra
