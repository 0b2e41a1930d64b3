// The file chooser's model: listing, filter, navigation, bad paths and unreadable directories.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/file_chooser.hpp"

using namespace hl::app;
namespace fs = std::filesystem;

namespace {

// A fresh directory tree for one test, removed afterwards.
struct TempTree {
  fs::path root;
  TempTree() {
    root = fs::temp_directory_path() / ("hl-chooser-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~TempTree() {
    std::error_code ignored;
    fs::permissions(root / "locked", fs::perms::owner_all, ignored);
    fs::remove_all(root, ignored);
  }
  void file(const std::string& name, const std::string& text = "x") const { std::ofstream(root / name) << text; }
  void dir(const std::string& name) const { fs::create_directories(root / name); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

const std::vector<std::string> kCaptureEndings{".pcap", ".pcapng", ".keylog", ".txt"};

std::vector<std::string> names(const FileChooser& chooser) {
  std::vector<std::string> out;
  for (const auto& e : chooser.entries()) out.push_back((e.directory ? "d:" : "f:") + e.name);
  return out;
}

}  // namespace

TEST_CASE("The chooser lists directories first, then the files the filter keeps, each by name") {
  TempTree tree;
  tree.file("b.pcapng", "12345");
  tree.file("a.PCAP");
  tree.file("keys.keylog");
  tree.file("notes.txt");
  tree.file("photo.png");
  tree.file("pcap");  // the ending alone is not a name with that ending
  tree.file(".hidden.pcap");
  tree.dir("zeta");
  tree.dir("alpha");
  tree.dir(".git");
  FileChooser chooser(ChooserMode::open, kCaptureEndings);
  REQUIRE(chooser.open_directory(tree.root));
  CHECK(chooser.error().empty());
  CHECK(chooser.directory() == fs::absolute(tree.root).lexically_normal());
  CHECK(names(chooser) == std::vector<std::string>{"d:alpha", "d:zeta", "f:a.PCAP", "f:b.pcapng", "f:keys.keylog", "f:notes.txt"});
  CHECK(chooser.entries()[3].size == 5);
  CHECK(chooser.selected() == 0);
}

TEST_CASE("The filter matches endings without case; no endings keep every file") {
  FileChooser captures(ChooserMode::open, kCaptureEndings);
  CHECK(captures.matches("trace.pcapng"));
  CHECK(captures.matches("TRACE.PCAP"));
  CHECK_FALSE(captures.matches("trace.pcapng.gz"));
  CHECK_FALSE(captures.matches(".pcap"));
  FileChooser any(ChooserMode::save, {});
  CHECK(any.matches("anything.bin"));
}

TEST_CASE("Arrows move the selection within the listing; Enter opens a directory or chooses a file") {
  TempTree tree;
  tree.dir("inner");
  tree.file("inner/deep.pcap");
  tree.file("one.pcap");
  tree.file("two.pcap");
  FileChooser chooser(ChooserMode::open, kCaptureEndings);
  REQUIRE(chooser.open_directory(tree.root));
  chooser.move_selection(-1);
  CHECK(chooser.selected() == 0);
  chooser.move_selection(10);
  CHECK(chooser.selected() == 2);
  auto chosen = chooser.activate();
  REQUIRE(chosen);
  CHECK(*chosen == chooser.directory() / "two.pcap");

  chooser.select(0);
  CHECK_FALSE(chooser.activate());  // a directory: opened, nothing chosen
  CHECK(chooser.directory().filename() == "inner");
  CHECK(names(chooser) == std::vector<std::string>{"f:deep.pcap"});
}

TEST_CASE("Backspace's parent lists the directory above and selects the one just left") {
  TempTree tree;
  tree.dir("a");
  tree.dir("b");
  FileChooser chooser(ChooserMode::open, kCaptureEndings);
  REQUIRE(chooser.open_directory(tree.root / "b"));
  REQUIRE(chooser.go_parent());
  CHECK(chooser.directory() == fs::absolute(tree.root).lexically_normal());
  REQUIRE(chooser.selected() == 1);
  CHECK(chooser.entries()[1].name == "b");

  FileChooser at_root(ChooserMode::open, kCaptureEndings);
  REQUIRE(at_root.open_directory("/"));
  CHECK_FALSE(at_root.go_parent());
  CHECK(at_root.directory() == "/");
}

TEST_CASE("A bad path sets an error and keeps the listing") {
  TempTree tree;
  tree.file("kept.pcap");
  FileChooser chooser(ChooserMode::open, kCaptureEndings);
  REQUIRE(chooser.open_directory(tree.root));

  CHECK_FALSE(chooser.open_directory(tree.root / "missing"));
  CHECK(chooser.error().find("missing") != std::string::npos);
  CHECK_FALSE(chooser.open_directory(tree.root / "kept.pcap"));
  CHECK(chooser.error().find("is not a directory") != std::string::npos);
  CHECK(names(chooser) == std::vector<std::string>{"f:kept.pcap"});
  CHECK(chooser.directory() == fs::absolute(tree.root).lexically_normal());

  CHECK_FALSE(chooser.submit("missing.pcap"));
  CHECK(chooser.error().find("No such file") != std::string::npos);
  CHECK_FALSE(chooser.submit(""));
  CHECK_FALSE(chooser.error().empty());
  auto typed = chooser.submit("kept.pcap");
  REQUIRE(typed);
  CHECK(*typed == chooser.directory() / "kept.pcap");
  CHECK(chooser.error().empty());
}

TEST_CASE("A typed directory is opened; an absolute path works from anywhere") {
  TempTree tree;
  tree.dir("sub");
  tree.file("sub/x.pcapng");
  FileChooser chooser(ChooserMode::open, kCaptureEndings);
  REQUIRE(chooser.open_directory("/"));
  CHECK_FALSE(chooser.submit((tree.root / "sub").string()));
  CHECK(chooser.directory().filename() == "sub");
  CHECK(names(chooser) == std::vector<std::string>{"f:x.pcapng"});
  CHECK_FALSE(chooser.submit(".."));
  CHECK(chooser.directory() == fs::absolute(tree.root).lexically_normal());
}

TEST_CASE("Save mode accepts a new file in an existing directory, not in a missing one") {
  TempTree tree;
  FileChooser chooser(ChooserMode::save, {".pcapng", ".pcap", ".html"});
  REQUIRE(chooser.open_directory(tree.root));
  auto fresh = chooser.submit("new.pcapng");
  REQUIRE(fresh);
  CHECK(*fresh == chooser.directory() / "new.pcapng");
  CHECK_FALSE(chooser.submit("nowhere/new.pcapng"));
  CHECK(chooser.error().find("No such directory") != std::string::npos);
}

TEST_CASE("An unreadable directory gives an error and keeps the listing") {
  TempTree tree;
  tree.file("kept.pcap");
  tree.dir("locked");
  tree.file("locked/secret.pcap");
  fs::create_symlink(tree.root / "loop", tree.root / "loop");  // ELOOP: unreadable even for root
  FileChooser chooser(ChooserMode::open, kCaptureEndings);
  REQUIRE(chooser.open_directory(tree.root));
  CHECK(names(chooser) == std::vector<std::string>{"d:locked", "f:kept.pcap"});  // the loop is neither

  CHECK_FALSE(chooser.open_directory(tree.root / "loop"));
  CHECK_FALSE(chooser.error().empty());
  CHECK(names(chooser) == std::vector<std::string>{"d:locked", "f:kept.pcap"});

  fs::permissions(tree.root / "locked", fs::perms::none);
  if (::geteuid() != 0) {  // root reads any directory: the permission case needs an ordinary user
    chooser.select(0);
    CHECK_FALSE(chooser.activate());
    CHECK(chooser.error().find("Permission denied") != std::string::npos);
    CHECK(chooser.directory() == fs::absolute(tree.root).lexically_normal());
  }
}

TEST_CASE("An empty directory has no selection, and Enter does nothing") {
  TempTree tree;
  FileChooser chooser(ChooserMode::open, kCaptureEndings);
  REQUIRE(chooser.open_directory(tree.root));
  CHECK(chooser.entries().empty());
  CHECK(chooser.selected() == FileChooser::npos);
  chooser.move_selection(1);
  CHECK(chooser.selected() == FileChooser::npos);
  CHECK_FALSE(chooser.activate());
}
