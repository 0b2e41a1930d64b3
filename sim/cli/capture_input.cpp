#include "cli/capture_input.hpp"

#include <filesystem>
#include <stdexcept>

#include "cli/commands.hpp"

namespace hl::cli {

void add_capture_flags(CLI::App& cmd, std::string& pcap, std::string& keylog, std::size_t& stream, const std::string& pcap_help) {
  cmd.add_option("--pcap", pcap, pcap_help);
  cmd.add_option("--keylog", keylog, "With --pcap: an NSS key log (SSLKEYLOGFILE) to decrypt it with");
  cmd.add_option("--stream", stream, "With --pcap: which TCP connection, from 1 (default: the first TLS one)")
      ->check(CLI::PositiveNumber);
}

void check_capture_path(const std::string& pcap) {
  std::error_code error;
  if (!std::filesystem::exists(pcap, error)) throw UsageError{"--pcap: no such file: " + pcap};
  if (!std::filesystem::is_regular_file(pcap, error)) throw UsageError{"--pcap: " + pcap + " is not a regular file"};
}

capture::CaptureImport load_capture(const std::string& pcap, const std::string& keylog) {
  check_capture_path(pcap);
  std::vector<std::string> keylog_lines;
  if (!keylog.empty()) {
    std::string problem;
    auto lines = capture::read_keylog_file(keylog, problem);
    if (!lines) throw UsageError{"--keylog: " + problem};
    keylog_lines = std::move(*lines);
  }
  capture::CaptureImport capture = capture::import_capture_file(pcap);
  if (!capture.error.empty()) throw std::runtime_error(capture.error);
  capture.keys.add(keylog_lines);
  return capture;
}

std::string connection_endpoints(const capture::CaptureImport& capture, std::size_t index) {
  const capture::TcpConnection& c = capture.connections[index];
  return capture::endpoint_text(c.client) + " -> " + capture::endpoint_text(c.server);
}

std::string stream_label(const capture::CaptureImport& capture, std::size_t index) {
  return "stream " + std::to_string(index + 1) + " (" + connection_endpoints(capture, index) + ")";
}

}  // namespace hl::cli
