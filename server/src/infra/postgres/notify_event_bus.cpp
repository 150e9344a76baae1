#include "infra/postgres/notify_event_bus.hpp"

#include <libpq-fe.h>

#include <algorithm>

namespace store::infra::postgres {
namespace {

app::AppError Unavailable(std::string internal) {
    while (!internal.empty() && (internal.back() == '\n' || internal.back() == ' ')) {
        internal.pop_back();
    }
    return app::AppError(app::ErrorCode::kDependencyUnavailable, "the event channel is unavailable",
                         "postgres notify: " + internal);
}

class NotifyTransport final : public RelayTransport {
public:
    NotifyTransport(NotifySettings settings, resilience::CircuitBreaker& breaker)
        : settings_(std::move(settings)), breaker_(breaker) {}
    ~NotifyTransport() override { Disconnect(); }
    NotifyTransport(const NotifyTransport&) = delete;
    NotifyTransport& operator=(const NotifyTransport&) = delete;

    int Connect() override {
        Disconnect();
        url_ = CurrentUrl();
        const std::string connect_timeout =
            std::to_string((std::max(settings_.connect_timeout_ms, 1) + 999) / 1000);
        const std::string options =
            "-c statement_timeout=" + std::to_string(settings_.statement_timeout_ms);
        // dbname is expanded as a URL (multi-host included); later keywords override it.
        const char* keywords[] = {
            "dbname",          "connect_timeout",     "application_name", "options", "keepalives",
            "keepalives_idle", "keepalives_interval", "keepalives_count", nullptr};
        const char* values[] = {url_.c_str(),
                                connect_timeout.c_str(),
                                "store-service-events",
                                options.c_str(),
                                "1",
                                "10",
                                "5",
                                "3",
                                nullptr};
        conn_ = PQconnectdbParams(keywords, values, 1);
        if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
            const std::string error = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
            Disconnect();
            throw Unavailable("connect: " + error);
        }
        char* channel =
            PQescapeIdentifier(conn_, settings_.channel.c_str(), settings_.channel.size());
        if (channel == nullptr) {
            const std::string error = PQerrorMessage(conn_);
            Disconnect();
            throw Unavailable("channel name: " + error);
        }
        const std::string listen = std::string("LISTEN ") + channel;
        PQfreemem(channel);
        PGresult* result = PQexec(conn_, listen.c_str());
        const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
        PQclear(result);
        if (!ok) {
            const std::string error = PQerrorMessage(conn_);
            Disconnect();
            throw Unavailable("LISTEN: " + error);
        }
        return PQsocket(conn_);
    }

    void Disconnect() override {
        if (conn_ != nullptr) {
            PQfinish(conn_);
            conn_ = nullptr;
        }
        pending_.clear();
    }

    std::vector<std::string> Receive(bool readable) override {
        if (conn_ == nullptr) {
            return {};
        }
        if (readable && PQconsumeInput(conn_) == 0) {
            throw Unavailable(PQerrorMessage(conn_));
        }
        if (PQstatus(conn_) == CONNECTION_BAD) {
            throw Unavailable("connection lost");
        }
        if (CurrentUrl() != url_) {
            // Rotated credentials: the relay reconnects with the new ones (a moment without
            // events, as after any reconnect), so no session keeps the old ones alive.
            throw Unavailable("database credentials changed; reconnecting with the new ones");
        }
        Collect();
        std::vector<std::string> out;
        out.swap(pending_);
        return out;
    }

    void Send(const std::string& payload) override {
        breaker_.Call([&] {
            if (conn_ == nullptr) {
                throw Unavailable("not connected");
            }
            const char* params[] = {settings_.channel.c_str(), payload.c_str()};
            PGresult* result = PQexecParams(conn_, "SELECT pg_notify($1, $2)", 2, nullptr, params,
                                            nullptr, nullptr, 0);
            const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
            PQclear(result);
            // Notifications that arrived while we waited for the result (our own included)
            // were queued by libpq; keep them for the next Receive.
            Collect();
            if (!ok) {
                throw Unavailable(PQerrorMessage(conn_));
            }
        });
    }

    // NOTIFY's limit is 8000 bytes, including the terminating zero.
    std::size_t MaxPayload() const override { return 7999; }
    const char* Name() const override { return "postgres-notify"; }

private:
    std::string CurrentUrl() const {
        return settings_.current_url ? settings_.current_url() : settings_.url;
    }

    void Collect() {
        while (PGnotify* notify = PQnotifies(conn_)) {
            if (notify->extra != nullptr) {
                pending_.emplace_back(notify->extra);
            }
            PQfreemem(notify);
        }
    }

    NotifySettings settings_;
    resilience::CircuitBreaker& breaker_;
    std::string url_;  // the one conn_ was opened with
    PGconn* conn_ = nullptr;
    std::vector<std::string> pending_;
};

}  // namespace

PostgresNotifyEventBus::PostgresNotifyEventBus(NotifySettings settings,
                                               resilience::CircuitBreaker& breaker,
                                               std::string origin,
                                               const app::ports::EventCodec& codec,
                                               const platform::Logger* logger)
    : RelayEventBus(std::make_unique<NotifyTransport>(std::move(settings), breaker),
                    std::move(origin), codec, logger) {}

}  // namespace store::infra::postgres
