#pragma once

#include <spdlog/spdlog.h>

#include <boost/json/object.hpp>
#include <memory>
#include <string_view>

namespace store::platform {

/// A structured logger: every line is one JSON object on stdout
/// {"time":…,"level":…,"msg":…,<fields>}.
class Logger {
public:
    explicit Logger(std::string_view level);
    void Info(std::string_view msg, const boost::json::object& fields = {}) const;
    void Warn(std::string_view msg, const boost::json::object& fields = {}) const;
    void Error(std::string_view msg, const boost::json::object& fields = {}) const;
    void Debug(std::string_view msg, const boost::json::object& fields = {}) const;
    void Log(spdlog::level::level_enum level, std::string_view msg,
             const boost::json::object& fields) const;
    /// An info line written whatever the level (start-up facts such as the bound port, which
    /// scripts and operators rely on).
    void Always(std::string_view msg, const boost::json::object& fields = {}) const;
    bool Enabled(spdlog::level::level_enum level) const { return logger_->should_log(level); }
    void Flush() const { logger_->flush(); }

private:
    std::string Line(std::string_view msg, const boost::json::object& fields) const;

    std::shared_ptr<spdlog::logger> logger_;
    std::shared_ptr<spdlog::logger> always_;  // same sink, never filtered
};

}  // namespace store::platform
