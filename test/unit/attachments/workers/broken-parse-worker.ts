// A parse process for tests that cannot load (as with a broken install).
throw new Error('cannot load the parsers');
