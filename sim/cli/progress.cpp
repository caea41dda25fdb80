#include "sim/cli/progress.h"

#include <unistd.h>

#include <chrono>
#include <ctime>

namespace rampup::cli {

ProgressMode progress_mode_for(std::FILE* stream, bool quiet) {
  if (quiet) return ProgressMode::quiet;
  return isatty(fileno(stream)) ? ProgressMode::terminal : ProgressMode::log;
}

ProgressReporter::ProgressReporter(ProgressMode mode, std::uint64_t total,
                                   const std::atomic<std::uint64_t>& done, std::FILE* stream)
    : mode_(mode), total_(total), done_(done), stream_(stream) {
  if (mode_ != ProgressMode::quiet) thread_ = std::thread([this] { loop(); });
}

ProgressReporter::~ProgressReporter() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ProgressReporter::loop() {
  const auto start = std::chrono::steady_clock::now();
  const auto period = mode_ == ProgressMode::terminal ? std::chrono::milliseconds(250)
                                                      : std::chrono::milliseconds(1000);
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period, [this] { return stop_; })) {
    report(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), false);
  }
  report(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), true);
}

void ProgressReporter::report(double elapsed_s, bool final) {
  const std::uint64_t done = done_.load();
  const double fraction = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1;
  const double rate = elapsed_s > 0 ? static_cast<double>(done) / elapsed_s : 0.0;
  const double eta_s = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
  if (mode_ == ProgressMode::terminal) {
    std::fprintf(stream_, "\r%llu/%llu trials (%3.0f%%)  %.0f trials/s  ETA %.0f s   %s",
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
                 100.0 * fraction, rate, eta_s, final ? "\n" : "");
    std::fflush(stream_);
    return;
  }
  // Log mode: one line per 10 % (and the final one), timestamped for batch logs.
  const int percent = static_cast<int>(100.0 * fraction);
  if (!final && percent < next_log_percent_) return;
  while (next_log_percent_ <= percent) next_log_percent_ += 10;
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::tm tm_utc{};
  gmtime_r(&now, &tm_utc);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm_utc);
  std::fprintf(stream_, "[%s] %llu/%llu trials (%d%%), %.0f trials/s, ETA %.0f s\n", stamp,
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
               percent, rate, eta_s);
  std::fflush(stream_);
}

}  // namespace rampup::cli
