import { Controller, Get, Header, Headers } from '@nestjs/common';
import { Public, Responds } from '@ratsinfo/api-core';
import { type ListResponse, listOf, type MyAuthorityDto, myAuthoritySchema } from '@ratsinfo/contracts';
import { MeService } from './me.service';

/**
 * The signed-in person across authorities. `@Public` only for the guard (the route has no
 * tenant): the service verifies the bearer token itself and answers 401 without one.
 */
@Controller('api/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get('authorities')
  @Public()
  @Responds(listOf(myAuthoritySchema))
  @Header('Cache-Control', 'no-store')
  @Header('Vary', 'Authorization')
  async authorities(@Headers('authorization') authorization: string | undefined): Promise<ListResponse<MyAuthorityDto>> {
    const principal = await this.me.authenticate(authorization);
    return { data: await this.me.authorities(principal) };
  }
}
