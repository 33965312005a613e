// `images[]` of a Radarr movie or Sonarr series (API resources and webhook bodies alike), read
// as the poster facts the library stores. A malformed entry or field is dropped, never an error:
// a poster is decoration, the item must still be stored.
import { z } from 'zod';
import { posterFacts } from '../domain/poster-image.ts';
import { soft, softList } from './tolerant-json.ts';

const arrImage = z.object({ coverType: soft(z.string()), url: soft(z.string()), remoteUrl: soft(z.string()) });

export const posterImagesField = softList(arrImage).transform((images) => posterFacts(images));
