// `handshake-lab decode`: decodes TLS records given as hex, a binary file, or every TLS connection of a capture.
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cli/capture_input.hpp"
#include "cli/commands.hpp"
#include "core/export/capture_json.hpp"
#include "core/export/field_json.hpp"
#include "core/export/field_text.hpp"
#include "core/export/trace_json.hpp"
#include "core/export/trace_text.hpp"
#include "core/wire/decode.hpp"

namespace hl::cli {
namespace {

struct DecodeOptions {
  std::vector<std::string> hex;
  std::string file;
  std::string format = "text";
  bool explain = false;
  std::string pcap;    // decode every TLS connection of this capture
  std::string keylog;  // with pcap: key log lines to decrypt it
};

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

// Hex words to bytes; spaces, colons and newlines are ignored. Throws UsageError on bad input.
Bytes parse_hex(const std::vector<std::string>& words) {
  std::string digits;
  for (const auto& word : words) {
    for (char ch : word) {
      if (std::isspace(static_cast<unsigned char>(ch)) || ch == ':') continue;
      if (hex_digit(ch) < 0) throw UsageError{std::string("decode: '") + ch + "' is not a hex digit"};
      digits.push_back(ch);
    }
  }
  if (digits.empty()) throw UsageError{"decode: the hex input is empty"};
  if (digits.size() % 2 != 0)
    throw UsageError{"decode: odd number of hex digits (" + std::to_string(digits.size()) + "); each byte needs two"};
  Bytes bytes(digits.size() / 2);
  for (std::size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<std::uint8_t>(hex_digit(digits[2 * i]) * 16 + hex_digit(digits[2 * i + 1]));
  return bytes;
}

// A TLS capture worth decoding by hand is far below this; the cap keeps /dev/zero from eating memory.
constexpr std::size_t kMaxInputLen = 16 * 1024 * 1024;

Bytes read_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw UsageError{"decode: " + path + " is a directory, not a file"};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{"decode: cannot open " + path};
  Bytes bytes;
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    bytes.insert(bytes.end(), chunk, chunk + in.gcount());
    if (bytes.size() > kMaxInputLen) throw UsageError{"decode: " + path + " is larger than 16 MiB"};
  }
  if (bytes.empty()) throw UsageError{"decode: " + path + " is empty"};
  return bytes;
}

Bytes input_bytes(const DecodeOptions& options) {
  if (!options.file.empty() && !options.hex.empty()) throw UsageError{"decode: give HEX or --file, not both"};
  if (!options.file.empty()) return read_file(options.file);
  if (options.hex.empty()) throw UsageError{"decode: no input; give hex bytes or --file PATH"};
  return parse_hex(options.hex);
}

// Malformed input still prints what decoded and succeeds: the malformed nodes say what broke.
int run_decode(const DecodeOptions& options) {
  Bytes bytes = input_bytes(options);
  std::vector<Field> records = wire::decode_records(bytes);
  std::string text = options.format == "json"
                         ? nlohmann::json{{"records", fields_to_json(records)}}.dump(2) + "\n"
                         : fields_to_text(records, 0, options.explain);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kOk;
}

// One connection in text: its steps as `trace` prints them, then each record's fields (and,
// for a protected record that opened, the fields of what it carried).
std::string connection_text(const Transcript& transcript, const std::string& heading, bool explain) {
  std::string text = trace_to_text(transcript, heading);
  const auto decoded = wire::decode_transcript(transcript);
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    text += "\nStep " + std::to_string(i + 1) + ": " + transcript.steps[i].title + "\n";
    text += fields_to_text(decoded[i].fields, 1, explain);
    if (!decoded[i].inner_fields.empty()) text += "  decrypted:\n" + fields_to_text(decoded[i].inner_fields, 2, explain);
  }
  return text;
}

// Every TLS connection of a capture, decoded: text, or {"capture", "connections": [trace JSON...], "warnings"}
// written connection by connection (core/export/capture_json.hpp), so a large capture never sits in memory as JSON.
int run_decode_capture(const DecodeOptions& options) {
  if (!options.hex.empty() || !options.file.empty()) throw UsageError{"decode: give HEX, --file or --pcap, only one"};
  const capture::CaptureImport capture = load_capture(options.pcap, options.keylog);
  if (options.format == "json") {
    write_capture_json(capture, options.pcap, [](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); });
    std::fputs("\n", stdout);
    return kOk;
  }
  std::string text;
  for (std::size_t index : capture::tls_connections(capture)) {
    const Transcript transcript = capture::connection_transcript(capture.connections[index], capture.keys, {options.pcap, index + 1});
    text += connection_text(transcript, options.pcap + ", " + stream_label(capture, index), options.explain) + "\n";
  }
  for (const auto& warning : capture.warnings) text += "warning: " + warning + "\n";
  if (text.empty()) text = "No TLS connection among the capture's TCP connections.\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kOk;
}

void add_decode_command(CLI::App& app, int& out_status) {
  auto options = std::make_shared<DecodeOptions>();
  CLI::App* cmd = app.add_subcommand("decode", "Decode TLS records given as hex, in a binary file, or in a capture");
  cmd->add_option("hex", options->hex, "Record bytes in hex (spaces, colons and newlines are ignored)");
  cmd->add_option("--file", options->file, "Read the records from this binary file");
  cmd->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_flag("--explain", options->explain, "Text format: print each field's explanation under it");
  cmd->add_option("--pcap", options->pcap, "Decode every TLS connection of this pcap or pcapng capture");
  cmd->add_option("--keylog", options->keylog, "With --pcap: an NSS key log (SSLKEYLOGFILE) to decrypt it with");
  cmd->callback([options, cmd, &out_status] {
    if (options->pcap.empty() && cmd->count("--keylog") > 0) throw UsageError{"--keylog needs --pcap FILE"};
    out_status = options->pcap.empty() ? run_decode(*options) : run_decode_capture(*options);
  });
}

const CommandRegistration registration{30, add_decode_command};

}  // namespace
}  // namespace hl::cli
