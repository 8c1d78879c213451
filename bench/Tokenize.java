import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The physical limit for reading CSV (issue 16): one thread reads each file in 1 MB chunks and finds every
 * delimiter and line end, a byte compare per byte and nothing else (no quotes, no cells, no numbers). Our
 * drift's time is printed as a multiple of this one's by bench/drift and bench/wide, on the same bytes in the
 * same run. Prints the counts so the scan cannot be optimised away, and so that a reader can check them
 * (delimiters = rows x (columns - 1), line ends = rows + 1).
 *
 * <p>Usage: {@code java -cp CLASSES Tokenize FILE...} (the scripts compile it once with javac).</p>
 */
public final class Tokenize {
    private Tokenize() {
    }

    public static void main(final String[] args) throws IOException {
        long delimiters = 0;
        long lines = 0;
        long bytes = 0;
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        byte[] array = buffer.array();
        for (String name : args) {
            try (FileChannel channel = FileChannel.open(Path.of(name), StandardOpenOption.READ)) {
                int read;
                while ((read = channel.read(buffer.clear())) > 0) {
                    bytes += read;
                    for (int i = 0; i < read; i++) {
                        byte b = array[i];
                        if (b == ',') {
                            delimiters++;
                        } else if (b == '\n') {
                            lines++;
                        }
                    }
                }
            }
        }
        System.out.printf("%d bytes, %d delimiters, %d line ends%n", bytes, delimiters, lines);
    }
}
