#include "platform/metrics.hpp"

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace store::platform {
namespace {

std::string Escape(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string LabelText(const std::map<std::string, std::string>& labels) {
    std::string out;
    for (const auto& [key, value] : labels) {
        out += (out.empty() ? "" : ",") + key + "=\"" + Escape(value) + "\"";
    }
    return out;
}

// Shortest text that reads back as the same double (0.005, not 0.0050000000000000001).
std::string Number(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::vector<std::string> Split(const std::string& key) {
    std::vector<std::string> parts;
    std::stringstream stream(key);
    std::string part;
    while (std::getline(stream, part, '\x1f')) {
        parts.push_back(part);
    }
    return parts;
}

// One histogram's series: a bucket per bound, +Inf, _sum and _count.
template <class Bounds, class Buckets>
void AppendHistogram(std::string& out, const std::string& name, const std::string& labels,
                     const Bounds& bounds, const Buckets& buckets, std::uint64_t count,
                     double sum) {
    const std::string prefix = labels.empty() ? "" : labels + ",";
    for (std::size_t i = 0; i < bounds.size() && i < buckets.size(); ++i) {
        out += name + "_bucket{" + prefix + "le=\"" + Number(bounds[i]) + "\"} " +
               std::to_string(buckets[i]) + "\n";
    }
    out += name + "_bucket{" + prefix + "le=\"+Inf\"} " + std::to_string(count) + "\n";
    const std::string braces = labels.empty() ? "" : "{" + labels + "}";
    out += name + "_sum" + braces + " " + Number(sum) + "\n";
    out += name + "_count" + braces + " " + std::to_string(count) + "\n";
}

}  // namespace

double ProcessResidentBytes() {
    std::ifstream statm("/proc/self/statm");
    long size = 0;
    long resident = 0;
    statm >> size >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

Metrics::Metrics() {
    start_time_seconds_ =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             double seconds) {
    // '\x1f' (unit separator) cannot appear in methods, route templates or status codes.
    std::string key;
    key.reserve(method.size() + route.size() + 6);
    key.append(method).append(1, '\x1f').append(route);
    std::lock_guard lock(mutex_);
    ++request_counts_[key + '\x1f' + std::to_string(status)];
    auto& histogram = durations_[key];
    ++histogram.count;
    histogram.sum += seconds;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++histogram.buckets[i];
        }
    }
}

void Metrics::Increment(const std::string& name, const std::map<std::string, std::string>& labels,
                        double amount) {
    const auto text = LabelText(labels);
    std::lock_guard lock(mutex_);
    counters_[name][text] += amount;
}

void Metrics::RegisterGauge(std::string name, std::string help,
                            std::function<std::vector<Sample>()> read, std::string type) {
    std::lock_guard lock(mutex_);
    gauges_.push_back({std::move(name), std::move(help), std::move(read), std::move(type)});
}

void Metrics::RegisterHistogram(std::string name, std::string help,
                                std::function<std::vector<HistogramSample>()> read) {
    std::lock_guard lock(mutex_);
    histograms_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
    std::string out;
    std::vector<Gauge> gauges;
    std::vector<HistogramReader> histograms;
    {
        std::lock_guard lock(mutex_);
        out += "# HELP http_requests_total HTTP requests by method, route template and status.\n";
        out += "# TYPE http_requests_total counter\n";
        for (const auto& [key, count] : request_counts_) {
            const auto parts = Split(key);
            out += "http_requests_total{method=\"" + parts[0] + "\",route=\"" + Escape(parts[1]) +
                   "\",status=\"" + parts[2] + "\"} " + std::to_string(count) + "\n";
        }
        out +=
            "# HELP http_request_duration_seconds Time from the end of reading a request to the "
            "response being ready.\n";
        out += "# TYPE http_request_duration_seconds histogram\n";
        for (const auto& [key, histogram] : durations_) {
            const auto parts = Split(key);
            AppendHistogram(out, "http_request_duration_seconds",
                            "method=\"" + parts[0] + "\",route=\"" + Escape(parts[1]) + "\"",
                            kBuckets, histogram.buckets, histogram.count, histogram.sum);
        }
        for (const auto& [name, series] : counters_) {
            out += "# TYPE " + name + " counter\n";
            for (const auto& [labels, value] : series) {
                out +=
                    name + (labels.empty() ? "" : "{" + labels + "}") + " " + Number(value) + "\n";
            }
        }
        gauges = gauges_;
        histograms = histograms_;
    }
    out += "# HELP http_requests_in_flight Requests being handled now.\n";
    out += "# TYPE http_requests_in_flight gauge\n";
    out += "http_requests_in_flight " + std::to_string(in_flight_.load()) + "\n";
    out += "# HELP process_resident_memory_bytes Resident memory size in bytes.\n";
    out += "# TYPE process_resident_memory_bytes gauge\n";
    out += "process_resident_memory_bytes " + Number(ProcessResidentBytes()) + "\n";
    out += "# HELP process_start_time_seconds Start time of the process since the epoch.\n";
    out += "# TYPE process_start_time_seconds gauge\n";
    out += "process_start_time_seconds " + Number(start_time_seconds_) + "\n";
    // Gauges are read outside the lock: a reader may query the database.
    for (const auto& gauge : gauges) {
        out += "# HELP " + gauge.name + " " + gauge.help + "\n";
        out += "# TYPE " + gauge.name + " " + gauge.type + "\n";
        for (const auto& sample : gauge.read()) {
            const auto labels = LabelText(sample.labels);
            out += gauge.name + (labels.empty() ? "" : "{" + labels + "}") + " " +
                   Number(sample.value) + "\n";
        }
    }
    for (const auto& histogram : histograms) {
        out += "# HELP " + histogram.name + " " + histogram.help + "\n";
        out += "# TYPE " + histogram.name + " histogram\n";
        for (const auto& sample : histogram.read()) {
            AppendHistogram(out, histogram.name, LabelText(sample.labels), sample.bounds,
                            sample.buckets, sample.count, sample.sum);
        }
    }
    return out;
}

std::vector<Metrics::Sample> Metrics::ByLabel(
    const std::string& label, std::initializer_list<std::pair<std::string, double>> values) {
    std::vector<Sample> samples;
    samples.reserve(values.size());
    for (const auto& [value, number] : values) {
        samples.push_back({{{label, value}}, number});
    }
    return samples;
}

}  // namespace store::platform
