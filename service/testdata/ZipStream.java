// ZipStream reads a ZIP the way a Java fax gateway does, front to back
// with java.util.zip.ZipInputStream (no central directory), and prints
// one line per entry: name, method, size and CRC-32 of the bytes read.
// Run as a single-file program: java ZipStream.java FILE.zip
import java.io.FileInputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

public class ZipStream {
    public static void main(String[] args) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new FileInputStream(args[0]))) {
            byte[] buf = new byte[8192];
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                CRC32 crc = new CRC32();
                long n = 0;
                for (int k; (k = in.read(buf)) > 0; ) {
                    crc.update(buf, 0, k);
                    n += k;
                }
                String method = e.getMethod() == ZipEntry.STORED ? "stored" : "deflated";
                System.out.printf("%s %s %d %08x%n", e.getName(), method, n, crc.getValue());
            }
        }
    }
}
