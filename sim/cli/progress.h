// Progress of a run: on a terminal one updating line (trials done, rate, ETA); otherwise a few
// timestamped log lines (batch jobs); nothing when quiet. Polls a counter from its own thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <thread>

namespace rampup::cli {

enum class ProgressMode { terminal, log, quiet };

// terminal if `stream` is a TTY, log otherwise; quiet if asked.
ProgressMode progress_mode_for(std::FILE* stream, bool quiet);

class ProgressReporter {
 public:
  ProgressReporter(ProgressMode mode, std::uint64_t total, const std::atomic<std::uint64_t>& done,
                   std::FILE* stream = stderr);
  ~ProgressReporter();  // stops the thread and finishes the line
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

 private:
  void loop();
  void report(double elapsed_s, bool final);

  ProgressMode mode_;
  std::uint64_t total_;
  const std::atomic<std::uint64_t>& done_;
  std::FILE* stream_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  int next_log_percent_ = 10;
  std::thread thread_;
};

}  // namespace rampup::cli
