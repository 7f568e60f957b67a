import CadenceCore
import CadenceTUI
import Testing

@Suite("Screen buffer")
struct ScreenBufferTests {
    @Test func wideCharactersTakeTwoColumnsAndLineUp() {
        var buffer = ScreenBuffer(size: Size(width: 12, height: 3))
        buffer.write("日本語", x: 0, y: 0)
        buffer.write("ქართ", x: 0, y: 1)
        buffer.write("Пр👍x", x: 0, y: 2)
        #expect(buffer.lines == ["日本語", "ქართ", "Пр👍x"])
        #expect(buffer[1, 0].isContinuation && buffer[6, 0] == .blank)
        #expect(buffer[4, 2].character == "x", "the emoji took columns 2 and 3")
    }

    @Test func aTextSymbolAskedToBeAPictureIsShownAsTextInOneColumn() {
        // ❤️ (❤ and VS16): two columns to some terminals, one to others and to ncurses.
        var buffer = ScreenBuffer(size: Size(width: 12, height: 2))
        let end = buffer.write("❤️ love", x: 0, y: 0)
        #expect(buffer.lines[0] == "❤ love" && end == 6)
        buffer.write("😀 ok", x: 0, y: 1)
        #expect(buffer.lines[1] == "😀 ok" && buffer[1, 1].isContinuation, "a picture by default stays two columns")
    }

    @Test func textIsCutAtTheEdgeAndAWideCharacterIsNeverSplit() {
        var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
        let end = buffer.write("ab日本語", x: 0, y: 0)
        #expect(buffer.lines == ["ab日"])
        #expect(end == 4)
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        var buffer = ScreenBuffer(size: Size(width: 20, height: 1))
        buffer.write("a\u{1B}[31mred\u{07}\u{9B}", x: 0, y: 0)
        #expect(buffer.lines == ["a�[31mred��"])
        #expect(!buffer.cells.contains { $0.character.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        buffer.write("日本", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.lines == [" x本"])
    }

    @Test func aCharacterOfThreeColumnsCoversThemAndIsBlankedWhole() {
        // स्त्र: three consonants joined, one character to a reader, three columns on a terminal.
        var buffer = ScreenBuffer(size: Size(width: 8, height: 2))
        let end = buffer.write("स्त्रa", x: 0, y: 0)
        #expect(end == 4 && buffer[3, 0].character == "a")
        #expect(buffer[1, 0].isContinuation && buffer[2, 0].isContinuation)
        buffer.write("x", x: 2, y: 0)
        #expect(buffer.lines[0] == "  xa", "cutting into it blanks all of it")
        // A wider character written over the start of another leaves none of the old one.
        buffer.write("日本", x: 1, y: 1)
        buffer.write("स्त्र", x: 0, y: 1)
        #expect(buffer.lines[1] == "स्त्र本" && buffer[3, 1].character == "本")
    }
}

@Suite("Text fields")
struct TextFieldTests {
    @Test func editingCountsCharactersAsPeopleSeeThem() {
        var field = TextField("ქართ")
        field.backspace()
        field.insert("👨‍👩‍👧")
        #expect(field.text == "ქარ👨‍👩‍👧")
        field.left()
        field.left()
        field.deleteForward()
        #expect(field.text == "ქა👨‍👩‍👧")
    }

    @Test func wrappingBreaksBetweenWordsAndMovesByRows() {
        var field = TextField("one two three four", multiline: true)
        #expect(field.rows(width: 9).map { String(field.characters[$0]) } == ["one two ", "three ", "four"])
        #expect(field.cursorPosition(width: 9) == (2, 4))
        field.vertical(-1, width: 9)
        #expect(field.cursorPosition(width: 9) == (1, 4))
        field.vertical(-1, width: 9)
        #expect(field.cursor == 4)
        var lines = TextField("ab\ncd", multiline: true)
        #expect(lines.rows(width: 10).count == 2)
        lines.home()
        #expect(lines.cursor == 3)
    }
}
