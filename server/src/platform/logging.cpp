#include "platform/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>

#include <boost/json/serialize.hpp>

namespace store::platform {

Logger::Logger(std::string_view level) {
    auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
    logger_ = std::make_shared<spdlog::logger>("store", sink);
    logger_->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
                         spdlog::pattern_time_type::utc);
    logger_->set_level(spdlog::level::from_str(std::string(level)));
    logger_->flush_on(spdlog::level::info);
    always_ = std::make_shared<spdlog::logger>("store-always", sink);
    always_->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
                         spdlog::pattern_time_type::utc);
    always_->set_level(spdlog::level::trace);
    always_->flush_on(spdlog::level::trace);
}

std::string Logger::Line(std::string_view msg, const boost::json::object& fields) const {
    std::string line = "\"msg\":" + boost::json::serialize(boost::json::string_view(msg));
    for (const auto& [key, value] : fields) {
        line += ",\"" + std::string(key) + "\":" + boost::json::serialize(value);
    }
    return line;
}

void Logger::Always(std::string_view msg, const boost::json::object& fields) const {
    always_->log(spdlog::level::info, "{}", Line(msg, fields));
}

void Logger::Log(spdlog::level::level_enum level, std::string_view msg,
                 const boost::json::object& fields) const {
    if (!logger_->should_log(level)) {
        return;
    }
    logger_->log(level, "{}", Line(msg, fields));
}

void Logger::Info(std::string_view msg, const boost::json::object& fields) const {
    Log(spdlog::level::info, msg, fields);
}
void Logger::Warn(std::string_view msg, const boost::json::object& fields) const {
    Log(spdlog::level::warn, msg, fields);
}
void Logger::Error(std::string_view msg, const boost::json::object& fields) const {
    Log(spdlog::level::err, msg, fields);
}
void Logger::Debug(std::string_view msg, const boost::json::object& fields) const {
    Log(spdlog::level::debug, msg, fields);
}

}  // namespace store::platform
