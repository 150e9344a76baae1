#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace store::platform {

/// Prometheus metrics for the whole process, rendered in the text exposition format.
/// HTTP metrics are built in; other parts register gauges read at scrape time.
class Metrics {
public:
    static constexpr std::array<double, 13> kBuckets{
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0};

    Metrics();

    void ObserveRequest(std::string_view method, std::string_view route, int status,
                        double seconds);
    void RequestStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
    void RequestFinished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
    /// Adds one to a counter with the given labels (created on first use).
    void Increment(const std::string& name, const std::map<std::string, std::string>& labels,
                   double amount = 1.0);

    struct Sample {
        std::map<std::string, std::string> labels;
        double value = 0;
    };
    /// A gauge whose samples are read by `read` at every scrape.
    /// `type` is "gauge", or "counter" for monotonic values read from elsewhere.
    void RegisterGauge(std::string name, std::string help,
                       std::function<std::vector<Sample>()> read, std::string type = "gauge");

    struct HistogramSample {
        std::map<std::string, std::string> labels;
        std::vector<double> bounds;          // upper bounds, ascending (no +Inf)
        std::vector<std::uint64_t> buckets;  // observations at or below each bound
        std::uint64_t count = 0;
        double sum = 0;
    };
    /// A histogram kept elsewhere (e.g. the connection pool's waits), read at every scrape and
    /// exposed as `name_bucket{le}`, `name_sum` and `name_count`.
    void RegisterHistogram(std::string name, std::string help,
                           std::function<std::vector<HistogramSample>()> read);

    /// One sample per value of one label: ByLabel("state", {{"busy", 2}, {"idle", 8}}) for
    /// the common gauge shape `name{state="busy"} 2`.
    static std::vector<Sample> ByLabel(
        const std::string& label, std::initializer_list<std::pair<std::string, double>> values);

    std::string Render() const;

private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    struct Gauge {
        std::string name;
        std::string help;
        std::function<std::vector<Sample>()> read;
        std::string type;
    };

    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t> request_counts_;            // key: method|route|status
    std::map<std::string, Histogram> durations_;                     // key: method|route
    std::map<std::string, std::map<std::string, double>> counters_;  // name -> labels text -> value
    std::vector<Gauge> gauges_;
    struct HistogramReader {
        std::string name;
        std::string help;
        std::function<std::vector<HistogramSample>()> read;
    };
    std::vector<HistogramReader> histograms_;
    std::atomic<std::int64_t> in_flight_{0};
    double start_time_seconds_ = 0;
};

/// Resident set size of this process in bytes (from /proc/self/statm).
double ProcessResidentBytes();

}  // namespace store::platform
