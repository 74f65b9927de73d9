// Code written in place of a library, tested as that library would be:
// SHA-256 against the FIPS 180-4 examples, output names against hostile input.
#include <gtest/gtest.h>

#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <filesystem>
#include <string>

#include "batch/output_paths.h"
#include "common/sha256.h"
#include "common/zip_writer.h"
#include "common/error.h"
#include "common/files.h"
#include "common/parallel.h"
#include "common/utf8.h"
#include "pdf/pdf_file.h"
#include "template/elements.h"
#include "template/filters.h"
#include "test_support.h"

namespace docgen {
namespace {

// FIPS 180-4 (and its example document): the one-block and two-block
// messages, the empty message and a million "a".
TEST(Sha256, KnownAnswers) {
    EXPECT_EQ(Sha256::of(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256::of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(Sha256::of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(Sha256::of("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopq"
                         "rsmnopqrstnopqrstu"),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    EXPECT_EQ(Sha256::of(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// The processor's SHA instructions, where it has them, and the portable code
// give the same digests.
TEST(Sha256, PortableAndAcceleratedAgree) {
    std::string message;
    for (int i = 0; i < 100000; ++i) message += static_cast<char>(i * 31 + i / 7);
    std::vector<std::string> digests;
    for (bool accelerated : {false, true}) {
        Sha256::set_accelerated(accelerated);
        digests.push_back(Sha256::of(message));
        EXPECT_EQ(Sha256::of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        EXPECT_EQ(Sha256::of(std::string(1000000, 'a')),
                  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
    EXPECT_EQ(digests[0], digests[1]);
}

// Lengths around the padding's edges (55, 56, 63, 64 bytes) and input given
// in pieces of every size: the same digest as in one piece.
TEST(Sha256, PiecesAndPaddingEdges) {
    EXPECT_EQ(Sha256::of(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(Sha256::of(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    EXPECT_EQ(Sha256::of(std::string(63, 'a')), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
    EXPECT_EQ(Sha256::of(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    std::string message;
    for (int i = 0; i < 300; ++i) message += static_cast<char>(i * 7 + 3);
    const std::string whole = Sha256::of(message);
    for (size_t piece = 1; piece <= 130; ++piece) {
        Sha256 sha;
        for (size_t at = 0; at < message.size(); at += piece) sha.update(std::string_view(message).substr(at, piece));
        EXPECT_EQ(sha.hex(), whole) << "pieces of " << piece;
    }
}

// A file hashed as it is read, a megabyte at a time, hashes as its bytes do,
// after what was hashed before it; a file that cannot be read says so.
TEST(Sha256, FilesAreHashedAsTheirBytes) {
    std::string content;
    for (int i = 0; i < (1 << 20) + 4099; ++i) content += static_cast<char>(i * 31 + i / 251);
    const std::string path = testing::TempDir() + "/hashed.bin";
    write_file_atomically(path, content);
    Sha256 streamed;
    streamed.update("prefix");
    ASSERT_TRUE(streamed.update_file(path));
    EXPECT_EQ(streamed.hex(), Sha256::of("prefix" + content));
    EXPECT_EQ(Sha256::of_file(path), Sha256::of(content));
    Sha256 missing;
    EXPECT_FALSE(missing.update_file(path + ".missing"));
    EXPECT_EQ(Sha256::of_file(path + ".missing"), "");
}

// A file written piece by piece appears whole when committed, and not at all
// (nor its temporary file) when dropped uncommitted.
TEST(AtomicFile, AppearsWholeOrNotAtAll) {
    const std::filesystem::path folder = std::filesystem::path(testing::TempDir()) / "atomic";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const std::string path = (folder / "manifest.json").string();
    {
        AtomicFile file(path);
        file.write("{\"a\": ");
        file.write("1}");
        EXPECT_FALSE(std::filesystem::exists(path));
        file.commit();
    }
    EXPECT_EQ(read_file(path, "file"), "{\"a\": 1}");
    {
        AtomicFile file(path);
        file.write("half");
    }
    EXPECT_EQ(read_file(path, "file"), "{\"a\": 1}");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator()), 1);
    try {
        AtomicFile file((folder / "missing" / "x.json").string());
        FAIL() << "a file in a missing folder was opened";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("missing/x.json: cannot write"), std::string::npos) << error.what();
    }
}

// Every index goes to one part, the parts in order and of about one size;
// of several parts that fail, the first part's failure is the one told.
TEST(ForParts, EveryIndexOnceAndTheFirstPartsFailureTold) {
    for (const auto& [count, threads] : {std::pair<size_t, unsigned>{0, 4}, {1, 4}, {7, 3}, {1000, 2}, {5, 1}}) {
        std::vector<int> seen(count);
        std::vector<std::pair<size_t, size_t>> ranges(parts(count, threads));
        for_parts(count, threads, [&](size_t part, size_t begin, size_t end) {
            ranges[part] = {begin, end};
            for (size_t i = begin; i < end; ++i) ++seen[i];
        });
        EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), static_cast<long>(count)) << count << " on " << threads;
        for (size_t part = 1; part < ranges.size(); ++part) EXPECT_EQ(ranges[part].first, ranges[part - 1].second);
        EXPECT_LE(ranges.size(), std::max<size_t>(1, threads));
    }
    try {
        for_parts(90, 3, [](size_t part, size_t, size_t) {
            if (part > 0) throw InputError("part " + std::to_string(part));
        });
        FAIL() << "no failure told";
    } catch (const InputError& error) {
        EXPECT_EQ(std::string(error.what()), "part 1");
    }
}

// Reads every entry of an archive back with libzip: name -> content.
std::vector<std::pair<std::string, std::string>> read_zip(const std::string& archive) {
    std::vector<std::pair<std::string, std::string>> entries;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
    zip_t* zip = source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
    if (!zip) {
        if (source) zip_source_free(source);
        ADD_FAILURE() << "libzip cannot open the archive: " << zip_error_strerror(&error);
        return entries;
    }
    const zip_int64_t count = zip_get_num_entries(zip, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat);
        std::string content(stat.size, '\0');
        zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
        const zip_int64_t read = file ? zip_fread(file, content.data(), stat.size) : -1;
        if (file) zip_fclose(file);
        EXPECT_EQ(read, static_cast<zip_int64_t>(stat.size)) << stat.name;
        entries.emplace_back(stat.name, std::move(content));
    }
    zip_close(zip);
    return entries;
}

TEST(ZipWriter, SeventyThousandEntriesUseZip64AndReadBack) {
    ZipWriter zip;
    for (int i = 0; i < 70000; ++i)
        zip.add("папка/" + std::to_string(i) + ".txt", "документ " + std::to_string(i),
                i % 2 ? ZipWriter::Method::Store : ZipWriter::Method::Deflate);
    const std::string archive = zip.finish();
    const auto entries = read_zip(archive);
    ASSERT_EQ(entries.size(), 70000u);
    EXPECT_EQ(entries[0].first, "папка/0.txt");
    EXPECT_EQ(entries[69999].second, "документ 69999");
    for (size_t i = 0; i < entries.size(); i += 997) EXPECT_EQ(entries[i].second, "документ " + std::to_string(i));
}

TEST(ZipWriter, SmallArchivesHaveNoZip64Records) {
    ZipWriter zip;
    zip.add("a.xml", "<a/>");
    const std::string archive = zip.finish();
    EXPECT_EQ(archive.find(std::string("PK\x06\x06", 4)), std::string::npos);
    EXPECT_EQ(read_zip(archive), (std::vector<std::pair<std::string, std::string>>{{"a.xml", "<a/>"}}));
}

// Every zip64 field written, as past 4 GiB, read back by libzip and by Python's zipfile.
TEST(ZipWriter, ForcedZip64IsReadByOtherReaders) {
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "docgen-zip64-test.zip";
    std::FILE* file = std::fopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr);
    ZipWriter zip(file);
    zip.force_zip64();
    zip.add("one.txt", std::string(100000, 'x'));
    zip.add("два.txt", "второй", ZipWriter::Method::Store);
    zip.add("empty.txt", "");
    EXPECT_EQ(zip.finish(), "");
    std::fclose(file);
    std::string archive;
    {
        std::FILE* in = std::fopen(path.c_str(), "rb");
        char buffer[4096];
        for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, in)) > 0;) archive.append(buffer, n);
        std::fclose(in);
    }
    EXPECT_NE(archive.find(std::string("PK\x06\x06", 4)), std::string::npos);
    const auto entries = read_zip(archive);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].second, std::string(100000, 'x'));
    EXPECT_EQ(entries[1], (std::pair<std::string, std::string>{"два.txt", "второй"}));
    int status = -1;
    const std::string listing = run_command(
        "/usr/bin/python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.testzip(); "
        "print(*[i.filename + ':' + str(i.file_size) for i in z.infolist()])\" " + path.string(),
        &status);
    EXPECT_EQ(status, 0);
    EXPECT_EQ(listing, "one.txt:100000 два.txt:12 empty.txt:0\n");
    std::filesystem::remove(path);
}

TEST(PdfSyntax, NamesEscapeDelimitersAndBytesOutsidePrintableAscii) {
    EXPECT_EQ(pdf_name("ABCDEF+LiberationSerif-Bold"), "/ABCDEF+LiberationSerif-Bold");
    EXPECT_EQ(pdf_name("Times New Roman"), "/Times#20New#20Roman");
    EXPECT_EQ(pdf_name("a/b(c)<d>[e]{f}%g#h"), "/a#2Fb#28c#29#3Cd#3E#5Be#5D#7Bf#7D#25g#23h");
    EXPECT_EQ(pdf_name("Шрифт"), "/#D0#A8#D1#80#D0#B8#D1#84#D1#82");
    EXPECT_EQ(pdf_name(std::string("\0\x7F", 2)), "/#00#7F");
}

TEST(PdfSyntax, NumbersAreAlwaysWellFormed) {
    const auto number = [](double value) {
        std::string out;
        append_pdf_number(out, value);
        return out;
    };
    EXPECT_EQ(number(12), "12");
    EXPECT_EQ(number(0.5), "0.5");
    EXPECT_EQ(number(283.456), "283.46");
    EXPECT_EQ(number(-0.004), "0");
    EXPECT_EQ(number(-1.25), "-1.25");
    EXPECT_EQ(number(std::nan("")), "0");
    EXPECT_EQ(number(std::numeric_limits<double>::infinity()), "1000000000");
    EXPECT_EQ(number(-1e300), "-1000000000");
}

// The fuzzers' dictionaries hold every word of the language: an element or a
// filter added without them would be found by chance only.
// The UTF-8 check of every input: the first byte of the first malformed
// character, past runs of ASCII read eight bytes at a time.
TEST(Utf8, FirstInvalidByteIsTheStartOfTheFirstMalformedCharacter) {
    EXPECT_EQ(utf8::first_invalid_byte(""), std::nullopt);
    EXPECT_EQ(utf8::first_invalid_byte("Приказ № 859-ОД \U0001F600"), std::nullopt);
    EXPECT_EQ(utf8::first_invalid_byte("abcdefghijklmnop\xFF"), 16u);          // after two ASCII blocks
    EXPECT_EQ(utf8::first_invalid_byte("Ж\xD0"), 2u);                          // cut short at the end
    EXPECT_EQ(utf8::first_invalid_byte("Ж\xD0Ж"), 2u);                         // a lead byte without its continuation
    EXPECT_EQ(utf8::first_invalid_byte("ab\x96"), 2u);                          // a stray continuation byte
    EXPECT_EQ(utf8::first_invalid_byte("\xC0\xAF"), 0u);                        // an overlong '/'
    EXPECT_EQ(utf8::first_invalid_byte("ok\xED\xA0\x80"), 2u);                  // a surrogate
    EXPECT_EQ(utf8::first_invalid_byte("\xF4\x90\x80\x80"), 0u);               // beyond U+10FFFF
    EXPECT_EQ(utf8::first_invalid_byte("\xF8\x88\x80\x80\x80"), 0u);           // five bytes
    EXPECT_TRUE(utf8::valid("\xF4\x8F\xBF\xBF"));                            // U+10FFFF itself
    EXPECT_FALSE(utf8::valid("Ж\xD0"));
}

TEST(FuzzDictionaries, HoldEveryElementAndFilter) {
    const std::string folder = std::string(DOCGEN_SOURCE_DIR) + "/tests/fuzz/";
    const std::string templates = read_file(folder + "template.dict", "dictionary");
    const std::string expressions = read_file(folder + "expression.dict", "dictionary");
    for (const ElementInfo& element : template_elements()) {
        EXPECT_NE(templates.find("\"<" + std::string(element.name) + "\""), std::string::npos) << element.name;
        for (std::string_view attribute : element.attributes)
            EXPECT_NE(templates.find("\"" + std::string(attribute) + "=\\\"\""), std::string::npos) << attribute;
    }
    for (const std::string& filter : filter_names()) {
        EXPECT_NE(templates.find("\"| " + filter + "\""), std::string::npos) << filter;
        EXPECT_NE(expressions.find("\"| " + filter + "(\""), std::string::npos) << filter;
    }
}

TEST(OutputNames, ForbiddenCharactersAreReplacedBeforeTheLengthIsCapped) {
    // 150 forbidden characters and a long name: replaced one for one, then cut at 200 bytes.
    const std::string name = std::string(150, '?') + std::string(300, 'x');
    const std::string safe = batch::safe_name(name);
    EXPECT_EQ(safe, std::string(150, '_') + std::string(50, 'x'));
    // Cyrillic is cut between letters.
    std::string cyrillic;
    for (int i = 0; i < 150; ++i) cyrillic += "ш";
    EXPECT_EQ(batch::safe_name(cyrillic).size(), 200u);
    EXPECT_EQ(batch::safe_name(cyrillic + "ш").size(), 200u);
}

TEST(OutputNames, InvisibleAndReorderingCharactersAreDropped) {
    EXPECT_EQ(batch::safe_name("школа\u202Efdp.exe"), "школаfdp.exe");
    EXPECT_EQ(batch::safe_name("а\u200Bб\u2028в\u2029г\uFEFFд\u00ADе\u2066ж"), "абвгдеж");
    EXPECT_EQ(batch::safe_name("\u200B\u200B"), "_");
    EXPECT_EQ(batch::safe_name("CON.pdf"), "_CON.pdf");
    EXPECT_EQ(batch::safe_name(" .школа. "), "школа");
    EXPECT_EQ(batch::safe_name("a/b\\c:d"), "a_b_c_d");
    EXPECT_EQ(batch::safe_name("СОШ\u00A0№\u00A05"), "СОШ № 5");
}

}  // namespace
}  // namespace docgen
