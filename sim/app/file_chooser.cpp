#include "app/file_chooser.hpp"

#include <algorithm>
#include <cctype>

namespace hl::app {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// What went wrong, as one sentence for the chooser's status line.
std::string reason(const fs::path& path, const std::error_code& error) {
  return "Cannot open " + path.string() + ": " + error.message();
}

// One directory entry as a row; nullopt for hidden names, dangling links and files the filter drops.
std::optional<ChooserEntry> row_for(const fs::directory_entry& entry, const FileChooser& chooser) {
  ChooserEntry row{entry.path().filename().string(), false, 0};
  if (row.name.empty() || row.name.front() == '.') return std::nullopt;
  std::error_code error;
  row.directory = entry.is_directory(error);  // follows links: a link to a directory opens like one
  if (row.directory) return row;
  if (!entry.is_regular_file(error) || !chooser.matches(row.name)) return std::nullopt;
  row.size = entry.file_size(error);
  if (error) row.size = 0;
  return row;
}

bool before(const ChooserEntry& a, const ChooserEntry& b) {
  if (a.directory != b.directory) return a.directory;
  return a.name < b.name;
}

}  // namespace

FileChooser::FileChooser(ChooserMode mode, std::vector<std::string> endings) : mode_(mode) {
  for (auto& ending : endings) endings_.push_back(lower(std::move(ending)));
}

bool FileChooser::matches(const std::string& name) const {
  if (endings_.empty()) return true;
  const std::string low = lower(name);
  return std::any_of(endings_.begin(), endings_.end(), [&](const std::string& ending) {
    return low.size() > ending.size() && low.compare(low.size() - ending.size(), ending.size(), ending) == 0;
  });
}

bool FileChooser::open_directory(const fs::path& directory) {
  std::error_code error;
  const fs::path absolute = fs::absolute(directory, error).lexically_normal();
  if (error) return error_ = reason(directory, error), false;
  if (!fs::is_directory(absolute, error)) {
    error_ = error ? reason(absolute, error) : absolute.string() + " is not a directory";
    return false;
  }
  fs::directory_iterator it(absolute, fs::directory_options::none, error);
  if (error) return error_ = reason(absolute, error), false;
  std::vector<ChooserEntry> rows;
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) break;  // an entry that cannot be read ends the listing; what was read stays
    if (auto row = row_for(*it, *this)) rows.push_back(std::move(*row));
  }
  std::sort(rows.begin(), rows.end(), before);
  directory_ = absolute.has_filename() || absolute == absolute.root_path() ? absolute : absolute.parent_path();
  entries_ = std::move(rows);
  selected_ = entries_.empty() ? npos : 0;
  error_ = error ? reason(absolute, error) + " (the listing is partial)" : "";
  return true;
}

bool FileChooser::go_parent() {
  if (directory_.empty() || directory_ == directory_.root_path()) return false;
  const std::string left = directory_.filename().string();
  if (!open_directory(directory_.parent_path())) return false;
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const ChooserEntry& e) { return e.directory && e.name == left; });
  if (it != entries_.end()) selected_ = static_cast<std::size_t>(it - entries_.begin());
  return true;
}

void FileChooser::select(std::size_t row) {
  selected_ = entries_.empty() ? npos : std::min(row, entries_.size() - 1);
}

void FileChooser::move_selection(int delta) {
  if (entries_.empty()) return;
  const auto last = static_cast<long long>(entries_.size()) - 1;
  const long long from = selected_ == npos ? 0 : static_cast<long long>(selected_);
  selected_ = static_cast<std::size_t>(std::clamp(from + delta, 0LL, last));
}

std::optional<fs::path> FileChooser::activate() {
  if (selected_ == npos) return std::nullopt;
  const ChooserEntry& row = entries_[selected_];
  const fs::path path = directory_ / row.name;
  if (!row.directory) return path;
  (void)open_directory(path);  // a failure is in error(); the listing stays
  return std::nullopt;
}

std::optional<fs::path> FileChooser::submit(const std::string& text) {
  if (text.empty()) return error_ = "Type a path, or pick a file in the list", std::nullopt;
  const fs::path typed(text);
  const fs::path path = (typed.is_absolute() ? typed : directory_ / typed).lexically_normal();
  std::error_code error;
  if (fs::is_directory(path, error)) {
    (void)open_directory(path);
    return std::nullopt;
  }
  if (fs::is_regular_file(path, error)) return error_.clear(), path;
  if (mode_ == ChooserMode::open) return error_ = "No such file: " + path.string(), std::nullopt;
  if (!path.has_filename() || !fs::is_directory(path.parent_path(), error))
    return error_ = "No such directory: " + path.parent_path().string(), std::nullopt;
  error_.clear();
  return path;
}

}  // namespace hl::app
