#include "app/opened_capture.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "app/run_and_decode.hpp"
#include "core/engine/engine.hpp"

namespace hl::app {
namespace {

// The first four bytes of the formats libpcap reads (pcap in both byte orders and precisions, pcapng's SHB).
constexpr std::array<std::uint32_t, 5> kMagics = {0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a};

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// The position in capture.tls of TCP connection `stream` (from 1); false when it is none of them.
bool position_of_stream(const OpenedCapture& capture, std::size_t stream, std::size_t& out_position) {
  auto it = std::find(capture.tls.begin(), capture.tls.end(), stream - 1);
  if (it == capture.tls.end()) return false;
  out_position = static_cast<std::size_t>(it - capture.tls.begin());
  return true;
}

bool no_stream(const OpenedCapture& capture, std::size_t stream, std::string& out_error) {
  const std::size_t total = capture.import->connections.size();
  out_error = stream > total ? file_name(capture.path) + " has " + std::to_string(total) + " TCP connections, no stream " + std::to_string(stream)
                             : "stream " + std::to_string(stream) + " of " + file_name(capture.path) + " carries no TLS";
  return false;
}

}  // namespace

bool looks_like_capture(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<unsigned char, 4> head{};
  if (!in.read(reinterpret_cast<char*>(head.data()), head.size())) return false;
  const std::uint32_t big = (std::uint32_t{head[0]} << 24) | (head[1] << 16) | (head[2] << 8) | head[3];
  return std::find(kMagics.begin(), kMagics.end(), big) != kMagics.end();
}

bool open_capture_file(const std::string& path, const std::string& keylog, std::size_t stream, OpenedCapture& out,
                  std::string& out_error) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return out_error = "No such file: " + path, false;
  OpenedCapture opened;
  opened.path = path;
  auto import = std::make_shared<capture::CaptureImport>(capture::import_capture_file(path));
  if (!import->error.empty()) return out_error = "Not a capture the lab can read: " + import->error, false;
  opened.keys = import->keys;
  opened.import = std::move(import);
  opened.tls = capture::tls_connections(*opened.import);
  if (opened.tls.empty())
    return out_error = file_name(path) + " holds no TLS connection among its " +
                       std::to_string(opened.import->connections.size()) + " TCP connections", false;
  if (stream > 0 && !position_of_stream(opened, stream, opened.shown)) return no_stream(opened, stream, out_error);
  if (!keylog.empty() && !add_capture_keylog(opened, keylog, out_error)) return false;
  out = std::move(opened);
  return true;
}

bool add_capture_keylog(OpenedCapture& capture, const std::string& path, std::string& out_error) {
  std::string problem;
  auto lines = capture::read_keylog_file(path, problem);
  if (!lines) return out_error = "Cannot read the key log: " + problem, false;
  const std::size_t before = capture.keys.num_lines;
  capture.keys.add(*lines);
  if (capture.keys.num_lines == before) return out_error = file_name(path) + " holds no key log line (NSS SSLKEYLOGFILE format)", false;
  capture.keylog_paths.push_back(path);
  return true;
}

std::string capture_connection_label(const OpenedCapture& capture, std::size_t position) {
  const std::size_t index = capture.tls.at(position);
  const capture::TcpConnection& c = capture.import->connections[index];
  return "connection " + std::to_string(position + 1) + " of " + std::to_string(capture.tls.size()) + ": " +
         capture::endpoint_text(c.client) + " -> " + capture::endpoint_text(c.server) + " (stream " +
         std::to_string(index + 1) + ")";
}

std::shared_ptr<const RunData> capture_run(const OpenedCapture& capture, std::size_t position) {
  const std::size_t index = capture.tls.at(position);
  Transcript transcript = capture::connection_transcript(capture.import->connections[index], capture.keys,
                                                         {capture.path, index + 1});
  transcript.serial = next_run_serial();  // view caches key on it, as on a lesson run's
  Scenario scenario;
  scenario.id = "capture";
  // Short: the step bar's picker says which connection; this says whose file and whether it opened.
  const std::string origin = file_name(capture.path) + (transcript.capture->keys ? ", decrypted" : ", no key log: records stay sealed");
  return decode_run(scenario, std::move(transcript), origin);
}

}  // namespace hl::app
