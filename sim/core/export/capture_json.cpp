#include "core/export/capture_json.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

#include "core/capture/capture_transcript.hpp"
#include "core/export/trace_json.hpp"

namespace hl {
namespace {

// Connections in flight at once: enough to keep every core busy, few enough that memory stays
// near a window's worth of traces (about 1.5 MB each while built) whatever the capture's size.
constexpr std::size_t kWindow = 32;
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

// Fills texts[i] for every i, `threads` workers taking the next index as they free up.
void build_window(const capture::CaptureImport& capture, const std::vector<std::size_t>& indexes, const std::string& file,
                  std::vector<std::string>& texts, std::size_t threads) {
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> failures(threads);
  auto work = [&](std::size_t worker) {
    try {
      for (std::size_t i = next++; i < indexes.size(); i = next++) texts[i] = connection_text(capture, indexes[i], file);
    } catch (...) {
      failures[worker] = std::current_exception();
      next = indexes.size();  // the others stop at their next index
    }
  };
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(work, t);
    work(0);
  }  // joined here
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);  // as the one-thread loop would have thrown it
}

std::size_t thread_count(std::size_t asked) {
  if (asked > 0) return asked;
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

}  // namespace

void write_capture_json(const capture::CaptureImport& capture, const std::string& file, const JsonSink& sink,
                        std::size_t threads) {
  const std::vector<std::size_t> all = capture::tls_connections(capture);
  sink("{\n  \"capture\": " + nlohmann::json(file).dump() + ",\n  \"connections\": [");
  for (std::size_t start = 0; start < all.size(); start += kWindow) {
    const std::vector<std::size_t> window(all.begin() + static_cast<std::ptrdiff_t>(start),
                                          all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), start + kWindow)));
    std::vector<std::string> texts(window.size());
    build_window(capture, window, file, texts, std::min(thread_count(threads), window.size()));
    for (std::size_t i = 0; i < texts.size(); ++i) sink((start + i == 0 ? "\n" : ",\n") + texts[i]);
  }
  sink(all.empty() ? "]" : "\n  ]");
  const std::string warnings = nlohmann::json{{"warnings", capture.warnings}}.dump(kIndent);
  // {"warnings": [...]} dumped alone opens with "{\n" and closes with "\n}"; its middle is the member.
  sink(",\n" + warnings.substr(2, warnings.size() - 4) + "\n}");
}

}  // namespace hl
