#include "core/export/capture_json.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/capture/capture_transcript.hpp"
#include "core/export/trace_json.hpp"

namespace hl {
namespace {

// Connections built ahead of the one being written: enough to keep every core busy, few enough
// that memory stays near this many traces (about 1.5 MB each while built) whatever the capture's size.
constexpr std::size_t kAhead = 32;
constexpr int kIndent = 2;
// A TLS 1.3 connection with a certificate chain comes to about 300 kB of indented JSON; reserving it
// up front saves the string's repeated doubling.
constexpr std::size_t kTypicalTraceLen = 512 * 1024;

// One connection as it appears inside the document's "connections" array, two levels deep.
std::string connection_text(const capture::CaptureImport& capture, std::size_t index, const std::string& file) {
  const Transcript transcript = capture::connection_transcript(capture.connections[index], capture.keys, {file, index + 1});
  std::string text(2 * kIndent, ' ');
  text.reserve(kTypicalTraceLen);
  append_trace_json(text, transcript, {}, kIndent, 2);
  return text;
}

std::size_t thread_count(std::size_t asked) {
  if (asked > 0) return asked;
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

// Workers build connection texts ahead (at most kAhead past the one being written) while the
// calling thread writes them out in order; the first exception stops everyone and is rethrown.
class OrderedWriter {
 public:
  OrderedWriter(const capture::CaptureImport& capture, const std::string& file, std::vector<std::size_t> indexes)
      : capture_(capture), file_(file), indexes_(std::move(indexes)), texts_(indexes_.size()), ready_(indexes_.size(), 0) {}

  void run(std::size_t threads, const JsonSink& sink) {
    {
      std::vector<std::jthread> workers;
      for (std::size_t t = 0; t < threads; ++t) workers.emplace_back([this] { work(); });
      try {
        write_all(sink);
      } catch (...) {
        fail(std::current_exception());  // wakes the workers so that they can be joined
      }
    }  // joined here
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void work() {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return failure_ || next_claim_ >= indexes_.size() || next_claim_ < next_write_ + kAhead; });
        if (failure_ || next_claim_ >= indexes_.size()) return;
        i = next_claim_++;
      }
      try {
        std::string text = connection_text(capture_, indexes_[i], file_);
        const std::lock_guard lock(mutex_);
        texts_[i] = std::move(text);
        ready_[i] = 1;
      } catch (...) {
        fail(std::current_exception());
        return;
      }
      changed_.notify_all();
    }
  }

  void write_all(const JsonSink& sink) {
    for (std::size_t i = 0; i < indexes_.size(); ++i) {
      std::string text;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return failure_ || ready_[i]; });
        if (failure_) return;
        text = std::move(texts_[i]);
        next_write_ = i + 1;
      }
      changed_.notify_all();
      sink(i == 0 ? "\n" : ",\n");
      sink(text);
    }
  }

  void fail(std::exception_ptr failure) {
    {
      const std::lock_guard lock(mutex_);
      if (!failure_) failure_ = std::move(failure);
    }
    changed_.notify_all();
  }

  const capture::CaptureImport& capture_;
  const std::string& file_;
  const std::vector<std::size_t> indexes_;
  std::vector<std::string> texts_;
  std::vector<char> ready_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t next_claim_ = 0;  // the next connection a worker takes
  std::size_t next_write_ = 0;  // the connections before it are written (or being written)
  std::exception_ptr failure_;
};

}  // namespace

void write_capture_json(const capture::CaptureImport& capture, const std::string& file, const JsonSink& sink,
                        std::size_t threads) {
  std::vector<std::size_t> all = capture::tls_connections(capture);
  const bool none = all.empty();
  sink("{\n  \"capture\": " + nlohmann::json(file).dump() + ",\n  \"connections\": [");
  OrderedWriter(capture, file, std::move(all)).run(thread_count(threads), sink);
  sink(none ? "]" : "\n  ]");
  const std::string warnings = nlohmann::json{{"warnings", capture.warnings}}.dump(kIndent);
  // {"warnings": [...]} dumped alone opens with "{\n" and closes with "\n}"; its middle is the member.
  sink(",\n" + warnings.substr(2, warnings.size() - 4) + "\n}");
}

}  // namespace hl
