#include "platform/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>

#include <boost/json/serialize.hpp>

namespace store::platform {

Logger::Logger(std::string_view level) {
    logger_ = std::make_shared<spdlog::logger>("store",
                                               std::make_shared<spdlog::sinks::stdout_sink_mt>());
    logger_->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
                         spdlog::pattern_time_type::utc);
    logger_->set_level(spdlog::level::from_str(std::string(level)));
    logger_->flush_on(spdlog::level::info);
}

void Logger::Log(spdlog::level::level_enum level, std::string_view msg,
                 const boost::json::object& fields) const {
    if (!logger_->should_log(level)) {
        return;
    }
    std::string line = "\"msg\":" + boost::json::serialize(boost::json::string_view(msg));
    for (const auto& [key, value] : fields) {
        line += ",\"" + std::string(key) + "\":" + boost::json::serialize(value);
    }
    logger_->log(level, "{}", line);
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
