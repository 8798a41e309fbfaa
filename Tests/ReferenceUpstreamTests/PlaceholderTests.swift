import Testing
@Test func placeholder3() { #expect(true) }
